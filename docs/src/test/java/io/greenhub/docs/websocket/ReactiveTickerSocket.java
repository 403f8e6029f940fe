package io.greenhub.docs.websocket;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The reactive ticker: an interval as the messages to send, and the received messages watched
 * for {@code stop}, merged into one Mono.
 */
@Component
class ReactiveTickerSocket implements WebSocketHandler {

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Mono<Void> stop = session.receive()
			.filter((message) -> message.getPayloadAsText().equals("stop"))
			.next()
			.flatMap((message) -> session.close());
		Flux<String> ticks = Flux.interval(Duration.ofMillis(100)).map((n) -> "tick " + (n + 1));
		return session.send(ticks.map(session::textMessage)).and(stop);
	}

}
