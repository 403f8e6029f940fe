package io.greenhub.sample.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.GreenTransport;
import io.greenhub.tcp.LineTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The chat server, on {@code green.tcp.servers.chat}: each line a client sends goes to
 * every other client; {@code /nick <name>} renames the client and {@code /quit} leaves.
 * Try it with {@code nc localhost 9000} in two terminals.
 *
 * <p>
 * Each connection has two green threads: this handler's, which reads the client's lines,
 * and a writer that sends the client what the others say (see {@link ChatMember}).
 */
@Component
@GreenTcpHandler("chat")
class ChatHandler implements GreenConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ChatHandler.class);

	private static final int MAX_LINE_LENGTH = 1024;

	private final ChatRoom room;

	ChatHandler(ChatRoom room) {
		this.room = room;
	}

	/**
	 * Serves one client until it quits or disconnects; runs on the connection's green
	 * thread.
	 */
	@Override
	public void handle(GreenTransport transport) {
		LineTransport lines = new LineTransport(transport, StandardCharsets.UTF_8, MAX_LINE_LENGTH);
		ChatMember member = this.room.join(lines);
		GreenThread<?> writer = Green.spawn(member::write);
		try {
			converse(member, lines);
		}
		catch (IOException ex) {
			logger.debug("Chat client {} disconnected: {}", member.nick(), ex.toString());
		}
		finally {
			this.room.leave(member);
			writer.join();
		}
	}

	private void converse(ChatMember member, LineTransport lines) throws IOException {
		String line = lines.readLine();
		while (line != null && this.room.hear(member, line)) {
			line = lines.readLine();
		}
	}

}
