package io.greenhub.docs.spring;

import java.time.Duration;
import java.util.Optional;

import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.spring.GreenWorkers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Four background green workers that send the e-mails queued by request handlers.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

	@Bean
	GreenQueue<String> outbox() {
		return GreenQueue.bounded("outbox", 1000);
	}

	@Bean
	GreenWorkers emailWorkers(GreenHubGroup hubs, GreenQueue<String> outbox, Mailer mailer) {
		return GreenWorkers.builder(hubs)
			.name("email-worker")
			.count(4)
			.gracePeriod(Duration.ofSeconds(5))
			.build((worker) -> {
				for (Optional<String> email = worker.awaitWork(outbox); email.isPresent(); email = worker.awaitWork(outbox)) {
					mailer.send(email.get());
				}
			});
	}

	@Bean
	Mailer mailer() {
		return new Mailer();
	}

}
