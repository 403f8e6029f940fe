package io.greenhub.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With Spring Boot's virtual threads on, green handlers stay green and the other blocking
 * controller methods run on green threads, which are virtual threads, instead of the
 * event loop.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "spring.threads.virtual.enabled=true" })
@AutoConfigureWebTestClient
class GreenHandlerVirtualThreadsTests {

	@Autowired
	private WebTestClient client;

	@Test
	void greenHandlersStayGreenAndOtherBlockingMethodsKeepVirtualThreads() {
		this.client.get()
			.uri("/green/hello")
			.exchange()
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body).startsWith("green true on green-"));
		this.client.get()
			.uri("/plain-blocking")
			.exchange()
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body).startsWith("virtual true, green true"));
		this.client.get().uri("/reactive").exchange().expectBody(String.class).isEqualTo("reactive green false");
	}

}
