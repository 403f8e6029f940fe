package io.greenhub.sample.chat;

import java.io.IOException;

import io.greenhub.tcp.LineTransport;

/**
 * Where a chat member's lines go: its TCP connection ({@link #of(LineTransport)}) or its
 * WebSocket session ({@link ChatSocketHandler}). The room does not care which.
 */
interface ChatPeer {

	/**
	 * Sends one line, parking the green thread while the client does not keep up. Runs on
	 * the member's writer green thread.
	 * @param line the line
	 * @throws IOException if the client is gone
	 */
	void send(String line) throws IOException;

	/**
	 * Closes the connection once the lines sent so far are on their way. Runs on the
	 * member's writer green thread, after its last line.
	 */
	void close();

	/**
	 * Closes the connection at once, without flushing, so that the member's writer
	 * (parked on a client that does not read) and its reader both end. Returns at once;
	 * any thread.
	 */
	void drop();

	/**
	 * Returns the peer of a TCP client.
	 * @param lines the client's connection
	 * @return the peer
	 */
	static ChatPeer of(LineTransport lines) {
		return new ChatPeer() {

			@Override
			public void send(String line) throws IOException {
				lines.sendLine(line);
			}

			@Override
			public void close() {
				lines.close();
			}

			@Override
			public void drop() {
				lines.transport().connection().dispose();
			}

		};
	}

}
