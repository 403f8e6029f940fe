package io.greenhub.docs.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.spring.GreenWorkers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.test.util.ReflectionTestUtils;
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
	 * A WebClient's answer is handled on the event loop of its connection: on one of the hubs' loop
	 * threads if the client runs on the hubs.
	 */
	@Test
	void bootsWebClientBuilderAndTheHandMadeWebClientAreOnTheHubs() {
		Set<String> loops = loopThreads();
		assertThat(answeredOn(context.getBean("quotes", WebClient.class))).isIn(loops);
		assertThat(answeredOn(context.getBean("handMadeWebClient", WebClient.class))).isIn(loops);
	}

	/**
	 * A RestClient on Reactor Netty runs on the event loops of its request factory's
	 * {@code HttpClient}, which only its private fields hold.
	 */
	@Test
	void theHandMadeRestClientIsOnTheHubsAndBootsBuilderIsNot() {
		GreenHubGroup hubs = context.getBean(GreenHubGroup.class);
		assertThat(loopResourcesOf(context.getBean("handMadeRestClient", RestClient.class))).isSameAs(hubs);
		// Boot builds its RestClient.Builder's Reactor Netty client on Reactor Netty's global resources
		assertThat(loopResourcesOf(context.getBean("prices", RestClient.class))).isSameAs(HttpResources.get());
		assertThat(context.getBean("prices", RestClient.class).get().retrieve().body(String.class)).isEqualTo("42");
		assertThat(context.getBean("handMadeRestClient", RestClient.class).get().retrieve().body(String.class))
			.isEqualTo("42");
	}

	private static Set<String> loopThreads() {
		return context.getBean(GreenHubGroup.class)
			.hubs()
			.stream()
			.map(GreenHub::loopThreadName)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
	}

	private static String answeredOn(WebClient client) {
		return client.get().retrieve().bodyToMono(String.class).map((body) -> Thread.currentThread().getName()).block(BOUND);
	}

	private static @Nullable Object loopResourcesOf(RestClient client) {
		Object factory = ReflectionTestUtils.getField(client, "clientRequestFactory");
		if (!(factory instanceof ReactorClientHttpRequestFactory)) {
			return factory;
		}
		HttpClient http = (HttpClient) ReflectionTestUtils.getField(factory, "httpClient");
		return (http != null) ? http.configuration().loopResources() : null;
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
