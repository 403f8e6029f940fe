package io.greenhub.docs.websocket;

import java.io.IOException;

import io.greenhub.spring.web.socket.GreenWebSocketHandler;
import io.greenhub.spring.web.socket.GreenWebSocketMessage;
import io.greenhub.spring.web.socket.GreenWebSocketSession;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Closes a session with a status of its own: one whose first message is not the expected
 * greeting is closed with {@code 1008}, and the close status says how every session ended.
 */
@Component
class GuardedSocket implements GreenWebSocketHandler {

	@Override
	public void handle(GreenWebSocketSession session) throws IOException {
		GreenWebSocketMessage hello = session.receive();
		if (hello == null || !hello.getPayloadAsText().equals("hello")) {
			session.close(CloseStatus.POLICY_VIOLATION.withReason("say hello first"));
			return;
		}
		session.sendText("welcome");
		while (session.receive() != null) {
			session.sendText("still here");
		}
		CloseStatus status = session.awaitClose();   // the client's status, or 1006 if it vanished
		session.getAttributes().put("closed", status);
	}

}
