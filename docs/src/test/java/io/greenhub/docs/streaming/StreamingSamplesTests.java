package io.greenhub.docs.streaming;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming guide's two controllers answer alike: the green one that sends, the reactive one
 * that returns a {@code Flux}.
 */
@SpringBootTest(classes = StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StreamingSamplesTests {

	@Autowired
	private WebTestClient client;

	@ParameterizedTest
	@ValueSource(strings = { "green", "reactive" })
	void bothStylesStreamTheSameEvents(String style) {
		List<ServerSentEvent<Integer>> ticks = this.client.get()
			.uri("/" + style + "/ticks?count=5")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Integer>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(ticks).extracting(ServerSentEvent::data).containsExactly(0, 1, 2, 3, 4);
		assertThat(ticks).extracting(ServerSentEvent::event).containsOnly("tick");
		this.client.get().uri("/" + style + "/ticks?count=5000").exchange().expectStatus().isBadRequest();
	}

	@ParameterizedTest
	@ValueSource(strings = { "green", "reactive" })
	void bothStylesStreamTheSameBodyAndJsonLines(String style) {
		this.client.get()
			.uri("/" + style + "/report")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("first line\nsecond line\nlast line\n");
		List<Price> prices = this.client.get()
			.uri("/" + style + "/prices")
			.exchange()
			.returnResult(Price.class)
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(prices).containsExactly(new Price("S0", 100), new Price("S1", 101), new Price("S2", 102));
	}

}
