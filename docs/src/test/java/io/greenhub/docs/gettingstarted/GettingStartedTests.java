package io.greenhub.docs.gettingstarted;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the getting-started guide's application on a random port with the guide's
 * {@code application.yml} settings, and calls its green handler.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.mode=auto", "green.hub.hubs=2", "green.handler.timeout=5s" })
@AutoConfigureWebTestClient
class GettingStartedTests {

	@Autowired
	private WebTestClient client;

	@Test
	void helloAnswersFromAGreenThreadOfAHubInLoopMode() {
		this.client.get()
			.uri("/hello?name=Ada")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("Hello, Ada, from green-\\d+ on hub green-\\d in LOOP mode"));
	}

	@Test
	void fiftyPausedHandlersAtOnceAllAnswerFromTwoHubs() {
		List<String> bodies = new ArrayList<>();
		Flux.range(0, 50)
			.flatMap((i) -> this.client.get().uri("/hello?name=n" + i).exchange().returnResult(String.class).getResponseBody())
			.collectList()
			.blockOptional(Duration.ofSeconds(30))
			.ifPresent(bodies::addAll);
		assertThat(bodies).hasSize(50).allMatch((body) -> body.matches(".* on hub green-[01] in LOOP mode"));
	}

}
