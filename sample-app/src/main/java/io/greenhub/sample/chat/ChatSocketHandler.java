package io.greenhub.sample.chat;

import java.io.IOException;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.spring.web.socket.GreenWebSocketHandler;
import io.greenhub.spring.web.socket.GreenWebSocketMessage;
import io.greenhub.spring.web.socket.GreenWebSocketSession;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The chat's WebSocket face, on {@code ws://localhost:8080/chat} (see
 * {@link ChatSocketMapping}): the same room as the TCP chat, so what a WebSocket client
 * says appears in {@code nc} and the other way round. Each text message is a line, or
 * several separated by {@code \n}, with the same commands as on TCP.
 *
 * <p>
 * As on TCP, each session has two green threads: this handler's, which receives, and the
 * member's writer, which sends what the others say.
 */
@Component
class ChatSocketHandler implements GreenWebSocketHandler {

	private static final int MAX_LINE_LENGTH = 1024;

	private final ChatRoom room;

	ChatSocketHandler(ChatRoom room) {
		this.room = room;
	}

	/**
	 * Serves one WebSocket client until it quits or goes away; runs on the session's
	 * green thread.
	 */
	@Override
	public void handle(GreenWebSocketSession session) {
		ChatMember member = this.room.join(new SocketPeer(session));
		GreenThread<?> writer = Green.spawn(member::write);
		try {
			converse(session, member);
		}
		finally {
			this.room.leave(member);
			writer.join();
		}
	}

	private void converse(GreenWebSocketSession session, ChatMember member) {
		for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
			for (String line : message.getPayloadAsText().split("\r?\n")) {
				if (line.length() > MAX_LINE_LENGTH) {
					session.close(new CloseStatus(CloseStatus.TOO_BIG_TO_PROCESS.getCode(),
							"a line is at most " + MAX_LINE_LENGTH + " characters"));
					return;
				}
				if (!this.room.hear(member, line)) {
					return;
				}
			}
		}
	}

	/** A member's WebSocket session as the room sees it. */
	private record SocketPeer(GreenWebSocketSession session) implements ChatPeer {

		@Override
		public void send(String line) throws IOException {
			this.session.sendText(line);
		}

		@Override
		public void close() {
			this.session.close();
		}

		@Override
		public void drop() {
			this.session.close(new CloseStatus(CloseStatus.POLICY_VIOLATION.getCode(), "too far behind"));
		}

	}

}
