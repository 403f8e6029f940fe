package io.greenhub.autoconfigure.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code spring.webflux.problemdetails.enabled}, Spring Boot's error handler
 * answers the 503s of green requests as it answers any {@code ErrorResponse}.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.handler.timeout=300ms" })
@AutoConfigureWebTestClient
class GreenHandlerWithoutProblemDetailsTests {

	@Autowired
	private WebTestClient client;

	@BeforeEach
	void resetSignals() {
		GreenController.resetSignals();
	}

	@Test
	void aTimedOutHandlerIsAnswered503BySpringBootsErrorHandler() {
		this.client.get()
			.uri("/functional/wait")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.path")
			.isEqualTo("/functional/wait");
		assertThat(GreenController.waitUnwound).isDone();
	}

}
