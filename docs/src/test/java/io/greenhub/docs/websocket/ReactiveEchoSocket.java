package io.greenhub.docs.websocket;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The reactive echo of WebFlux: the received messages, retained, as the messages to send.
 */
@Component
class ReactiveEchoSocket implements WebSocketHandler {

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		return session.send(session.receive().map(WebSocketMessage::retain));
	}

}
