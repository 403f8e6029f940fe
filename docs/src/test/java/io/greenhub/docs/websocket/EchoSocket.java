package io.greenhub.docs.websocket;

import java.io.IOException;

import io.greenhub.spring.web.socket.GreenWebSocketHandler;
import io.greenhub.spring.web.socket.GreenWebSocketMessage;
import io.greenhub.spring.web.socket.GreenWebSocketSession;

import org.springframework.stereotype.Component;

/**
 * The green echo: a loop that receives and sends until the client closes.
 */
@Component
class EchoSocket implements GreenWebSocketHandler {

	@Override
	public void handle(GreenWebSocketSession session) throws IOException {
		for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
			session.send(message);
		}
	}

}
