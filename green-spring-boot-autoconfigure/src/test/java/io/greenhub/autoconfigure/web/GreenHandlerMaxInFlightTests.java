package io.greenhub.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.greenhub.GreenHubGroup;
import io.greenhub.spring.web.GreenRequestDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code green.handler.max-in-flight} over a real server.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.handler.max-in-flight=2", "green.handler.retry-after=3s",
				"spring.webflux.problemdetails.enabled=true" })
@AutoConfigureWebTestClient
class GreenHandlerMaxInFlightTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private GreenRequestDispatcher limits;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@Test
	void beyondMaxInFlightRequestsAreAnswered503WithRetryAfterAtOnceAndServiceRecovers() {
		GreenController.resetSignals();
		WebClient waiting = WebClient.create("http://127.0.0.1:" + this.port);
		CompletableFuture<String> first = waiting.get()
			.uri("/green/gate")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		CompletableFuture<String> second = waiting.get()
			.uri("/green/gate")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.limits.inFlight() == 2);
		this.client.get()
			.uri("/green/hello")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Too many requests in flight");
		this.client.get()
			.uri("/functional")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3");
		this.client.get().uri("/reactive").exchange().expectStatus().isOk();
		assertThat(this.limits.rejectedCount()).isEqualTo(2);
		assertThat(this.meters.get("green.handler.rejected").functionCounter().count()).isEqualTo(2);
		GreenController.gate.complete(null);
		assertThat(first.join()).isEqualTo("through the gate");
		assertThat(second.join()).isEqualTo("through the gate");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.limits.inFlight() == 0);
		this.client.get().uri("/green/hello").exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

}
