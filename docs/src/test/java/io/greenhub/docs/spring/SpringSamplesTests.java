package io.greenhub.docs.spring;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenQueue;
import io.greenhub.spring.GreenWorkers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the Spring Boot page's samples in a whole application on a random port, against two real
 * downstream servers on event loops of their own.
 */
class SpringSamplesTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static LoopResources downstreamLoops;

	private static DisposableServer prices;

	private static DisposableServer quotes;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		downstreamLoops = LoopResources.create("downstream", 1, true);
		prices = downstream();
		quotes = downstream();
		context = new SpringApplicationBuilder(SpringSamplesApplication.class).run("--server.port=0",
				"--green.hub.hubs=2", "--prices.url=http://127.0.0.1:" + prices.port(),
				"--quotes.url=http://127.0.0.1:" + quotes.port());
	}

	private static DisposableServer downstream() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(downstreamLoops)
			.handle((request, response) -> response.sendString(Mono.just("42")))
			.bindNow();
	}

	@AfterAll
	static void stop() {
		context.close();
		prices.disposeNow();
		quotes.disposeNow();
		downstreamLoops.disposeLater().block(BOUND);
	}

	/**
	 * A connection that Boot's builders open stays in the pool after the call: it is one of the
	 * hubs' channels, so the builders already run on the hubs.
	 */
	@Test
	void bootsRestClientAndWebClientBuildersAreOnTheHubs() {
		GreenHubGroup hubs = context.getBean(GreenHubGroup.class);
		int before = hubs.openChannels();
		assertThat(context.getBean("prices", RestClient.class).get().retrieve().body(String.class)).isEqualTo("42");
		await().atMost(BOUND).until(() -> hubs.openChannels() == before + 1);
		assertThat(context.getBean("quotes", WebClient.class).get().retrieve().bodyToMono(String.class).block(BOUND))
			.isEqualTo("42");
		await().atMost(BOUND).until(() -> hubs.openChannels() == before + 2);
		// the hand-made clients share the same pool, per downstream
		assertThat(context.getBean("handMadeRestClient", RestClient.class).get().retrieve().body(String.class))
			.isEqualTo("42");
		assertThat(context.getBean("handMadeWebClient", WebClient.class).get().retrieve().bodyToMono(String.class)
			.block(BOUND)).isEqualTo("42");
		assertThat(hubs.openChannels()).isEqualTo(before + 2);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theWorkersSendWhatIsQueuedAndAgainAfterAPauseOfTheContext() {
		GreenQueue<String> outbox = context.getBean("outbox", GreenQueue.class);
		Mailer mailer = context.getBean(Mailer.class);
		outbox.put("first");
		await().atMost(BOUND).until(() -> mailer.sent.contains("first"));
		context.pause();
		assertThat(context.getBean(GreenWorkers.class).running()).isZero();
		context.restart();
		outbox.put("second");
		await().atMost(BOUND).until(() -> mailer.sent.contains("second"));
	}

}
