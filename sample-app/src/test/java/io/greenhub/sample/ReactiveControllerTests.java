package io.greenhub.sample;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SampleTest
class ReactiveControllerTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private ReactiveController controller;

	@Test
	void theMonoEndpointRunsOnTheEventLoopUnchanged() {
		StepVerifier
			.create(this.client.get()
				.uri("/mono?name=Ada")
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JSON)
				.getResponseBody())
			.assertNext((body) -> assertThat(body).containsEntry("greeting", "Hello, Ada, from a reactive handler")
				.containsEntry("green", false))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void theDeferredEndpointGetsItsValueFromAGreenThread() {
		StepVerifier
			.create(this.client.get()
				.uri("/deferred?pause=30ms")
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult(JSON)
				.getResponseBody())
			.assertNext((body) -> assertThat(body).containsEntry("green", true)
				.hasEntrySatisfying("greeting",
						(greeting) -> assertThat(greeting).asString().matches("Hello from green-\\d+ after 30ms")))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void deferToGreenThreadIsAColdMonoThatRunsOnEachSubscription() {
		var deferred = this.controller.deferred("5ms");
		for (int i = 0; i < 2; i++) {
			StepVerifier.create(deferred)
				.assertNext((body) -> assertThat(body).containsEntry("green", true))
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		}
	}

	@Test
	void aBadPauseIsABadRequest() {
		this.client.get().uri("/deferred?pause=forever").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/deferred?pause=-1s").exchange().expectStatus().isBadRequest();
	}

}
