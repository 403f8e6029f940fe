package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.redis.RedisServerExtension;
import io.greenhub.sample.SampleApplication;
import io.greenhub.spring.GreenWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample under the {@code redis} profile, each a Spring context with
 * its own ports, on one real redis-server: the orders queue, the downstream semaphore (2
 * permits here) and the orders' outcomes are shared.
 */
class OrderPipelineRedisTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopThem() {
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(SampleApplication.class).profiles("test", "redis")
			.run("--server.port=0", "--spring.data.redis.url=" + server.uri(),
					"--green.semaphores.downstream.permits=2", "--sample.orders.workers=4",
					"--sample.orders.downstream-delay=10ms");
	}

	@Test
	void anOrderPostedToOneInstanceIsProcessedByTheOtherAndItsOutcomeIsReadWhereItWasPosted() {
		GreenWorkers idle = first.getBean(OrderPipeline.class).workers();
		idle.stop();
		try {
			OrderView placed = place(first, "tea");
			OrderView done = read(first, placed.id(), "20s");
			assertThat(done.status()).isEqualTo("done");
			assertThat(done.detail()).endsWith("for order " + placed.id());
			assertThat(second.getBean(OrderPipeline.class).peakDownstreamCalls()).isPositive();
		}
		finally {
			idle.start();
		}
	}

	@Test
	void permitsHeldInOneInstanceHoldBackTheOrdersOfTheOther() {
		GreenSemaphore downstream = first.getBean("downstream", GreenSemaphore.class);
		assertThat(downstream.store()).isEqualTo("redis");
		// this test's thread takes both permits, in the first instance
		downstream.acquire();
		downstream.acquire();
		boolean released = false;
		try {
			assertThat(second.getBean("downstream", GreenSemaphore.class).tryAcquire()).isFalse();
			OrderView placed = place(second, "coffee");
			assertThat(read(second, placed.id(), "1s").status()).isEqualTo("pending");
			downstream.release();
			downstream.release();
			released = true;
			assertThat(read(second, placed.id(), "20s").status()).isEqualTo("done");
		}
		finally {
			if (!released) {
				downstream.release();
				downstream.release();
			}
		}
	}

	@Test
	void ordersPostedToBothInstancesAllComplete() {
		Map<String, ConfigurableApplicationContext> owners = new LinkedHashMap<>();
		for (int i = 0; i < 20; i++) {
			ConfigurableApplicationContext owner = (i % 2 == 0) ? first : second;
			owners.put(place(owner, "tea-" + i).id(), owner);
		}
		assertThat(owners).hasSize(20);
		owners.forEach((id, owner) -> assertThat(read(owner, id, "20s").status()).isEqualTo("done"));
	}

	private static OrderView place(ConfigurableApplicationContext instance, String item) {
		return client(instance).post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("item", item, "quantity", 1))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(OrderView.class)
			.returnResult()
			.getResponseBody();
	}

	private static OrderView read(ConfigurableApplicationContext instance, String id, String wait) {
		return client(instance).get()
			.uri("/orders/{id}?wait={wait}", id, wait)
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(OrderView.class)
			.returnResult()
			.getResponseBody();
	}

	private static WebTestClient client(ConfigurableApplicationContext instance) {
		String port = instance.getEnvironment().getProperty("local.server.port");
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
	}

}
