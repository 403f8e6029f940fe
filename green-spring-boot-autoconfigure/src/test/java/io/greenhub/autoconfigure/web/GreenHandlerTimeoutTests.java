package io.greenhub.autoconfigure.web;

import io.greenhub.spring.web.GreenRequestDispatcher;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code green.handler.timeout} over a real server.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.handler.timeout=300ms",
				"spring.webflux.problemdetails.enabled=true" })
@AutoConfigureWebTestClient
class GreenHandlerTimeoutTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenRequestDispatcher limits;

	@Autowired
	private MeterRegistry meters;

	@BeforeEach
	void resetSignals() {
		GreenController.resetSignals();
	}

	@Test
	void aHandlerRunningPastTheTimeoutIsKilledAndAnswered503WithAProblemDetail() {
		assertTimesOut("/green/wait");
	}

	@Test
	void aGreenFunctionalRouteRunningPastTheTimeoutIsKilledAndAnswered503Too() {
		assertTimesOut("/functional/wait");
	}

	private void assertTimesOut(String uri) {
		long timedOutBefore = this.limits.timedOutCount();
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Handler timed out")
			.jsonPath("$.detail")
			.isEqualTo("The handler did not finish within PT0.3S (green.handler.timeout)");
		assertThat(GreenController.waitUnwound).isDone();
		assertThat(this.limits.timedOutCount()).isEqualTo(timedOutBefore + 1);
		assertThat(this.meters.get("green.handler.killed").tag("reason", "timeout").functionCounter().count())
			.isEqualTo(timedOutBefore + 1);
	}

}
