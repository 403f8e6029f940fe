package io.greenhub.docs.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each green WebSocket sample of the streaming page answers a client as its reactive equivalent
 * does, over a real port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
class WebSocketSamplesTests {

	private static final Duration BOUND = Duration.ofSeconds(20);

	private final ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();

	@LocalServerPort
	private int port;

	@Test
	void theGreenEchoAnswersAsTheReactiveOne() {
		for (String path : List.of("/echo", "/reactive/echo")) {
			assertThat(exchange(path, List.of("one", "two"), 2)).as(path).containsExactly("one", "two");
		}
	}

	@Test
	void theGreenTickerTicksUntilStopAsTheReactiveOne() {
		for (String path : List.of("/ticker", "/reactive/ticker")) {
			assertThat(exchange(path, List.of(), 3)).as(path).containsExactly("tick 1", "tick 2", "tick 3");
			Sinks.One<CloseStatus> status = Sinks.one();
			this.client.execute(uri(path),
					(session) -> session.send(Mono.just(session.textMessage("stop")))
						.thenMany(session.receive())
						.then(session.closeStatus().doOnNext(status::tryEmitValue))
						.then())
				.block(BOUND);
			CloseStatus closed = status.asMono().block(BOUND);
			assertThat(closed).as(path).isNotNull();
			if (path.equals("/ticker")) {
				// the green ticker's close(): 1000; WebFlux's reactive one reaches the client as 1005
				assertThat(closed.getCode()).isEqualTo(1000);
			}
		}
	}

	@Test
	void theGuardedSocketClosesAClientThatDoesNotSayHelloWith1008() {
		Sinks.One<CloseStatus> status = Sinks.one();
		this.client.execute(uri("/guarded"),
				(session) -> session.send(Mono.just(session.textMessage("hi")))
					.then(session.closeStatus().doOnNext(status::tryEmitValue))
					.then())
			.block(BOUND);
		CloseStatus closed = status.asMono().block(BOUND);
		assertThat(closed).isNotNull();
		assertThat(closed.getCode()).isEqualTo(1008);
		assertThat(closed.getReason()).isEqualTo("say hello first");
		assertThat(exchange("/guarded", List.of("hello", "again"), 2)).containsExactly("welcome", "still here");
	}

	/** Sends the texts, takes that many answers and goes away. */
	private List<String> exchange(String path, List<String> texts, int answers) {
		Sinks.Many<String> received = Sinks.many().replay().all();
		this.client.execute(uri(path),
				(session) -> session.send(Flux.fromIterable(texts).map(session::textMessage))
					.thenMany(session.receive().take(answers).map(WebSocketMessage::getPayloadAsText))
					.doOnNext(received::tryEmitNext)
					.then())
			.block(BOUND);
		received.tryEmitComplete();
		return received.asFlux().collectList().block(BOUND);
	}

	private URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

}
