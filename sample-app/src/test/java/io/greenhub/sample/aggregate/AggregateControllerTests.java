package io.greenhub.sample.aggregate;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The test profile's downstreams answer after 10ms (a), 20ms (b) and 800ms (c).
 */
@SampleTest
class AggregateControllerTests {

	@Autowired
	private WebTestClient client;

	@Test
	void allPartsArriveWithinTheConfiguredTimeout() {
		this.client.get()
			.uri("/aggregate")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.parts.a")
			.isEqualTo("a answered after 10ms")
			.jsonPath("$.parts.b")
			.isEqualTo("b answered after 20ms")
			.jsonPath("$.parts.c")
			.isEqualTo("c answered after 800ms")
			.jsonPath("$.timedOut")
			.isEmpty()
			.jsonPath("$.failed")
			.isEmpty();
	}

	@Test
	void aPartLaterThanTheTimeoutIsMarkedAndTheOthersAreKept() {
		this.client.get()
			.uri("/aggregate?timeout=400ms")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.parts.a")
			.isEqualTo("a answered after 10ms")
			.jsonPath("$.parts.b")
			.isEqualTo("b answered after 20ms")
			.jsonPath("$.parts.c")
			.doesNotExist()
			.jsonPath("$.timedOut")
			.isEqualTo(java.util.List.of("c"));
	}

	@Test
	void aBadTimeoutIsABadRequest() {
		this.client.get().uri("/aggregate?timeout=soon").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/aggregate?timeout=1h").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aDownstreamAnswersAfterItsDelay() {
		this.client.get()
			.uri("/downstream/x?delay=5ms")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("x answered after 5ms");
		this.client.get().uri("/downstream/x?delay=11s").exchange().expectStatus().isBadRequest();
	}

}
