package io.greenhub.autoconfigure.web;

import io.greenhub.spring.web.GreenHandlerTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The 503s of green requests go through Spring's own error handling: an application's
 * {@code @ControllerAdvice} sees them.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.handler.timeout=300ms" })
@AutoConfigureWebTestClient
@Import(GreenHandlerErrorHandlingTests.TimeoutAdvice.class)
class GreenHandlerErrorHandlingTests {

	@Autowired
	private WebTestClient client;

	@BeforeEach
	void resetSignals() {
		GreenController.resetSignals();
	}

	@Test
	void aControllerAdviceHandlingTheTimeoutSeesItOnceTheHandlerHasUnwound() {
		this.client.get()
			.uri("/green/wait")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectBody(String.class)
			.isEqualTo("advised after PT0.3S, unwound true");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@RestControllerAdvice
	static class TimeoutAdvice {

		@ExceptionHandler(GreenHandlerTimeoutException.class)
		ResponseEntity<String> timedOut(GreenHandlerTimeoutException ex) {
			return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
				.body("advised after " + ex.getTimeout() + ", unwound " + GreenController.waitUnwound.isDone());
		}

	}

}
