package io.greenhub.sample.chat;

import java.io.IOException;

import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenQueueClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the chat: its nick, its connection (a {@link ChatPeer}: TCP or WebSocket)
 * and its outbox, a bounded {@link GreenQueue} of the lines to send it. Anyone may put
 * lines into the outbox without waiting; one writer green thread per client takes them
 * and writes them to the socket, so a slow client never holds up the others. A client
 * that cannot keep up is {@linkplain #drop() dropped}: its connection closes.
 */
final class ChatMember {

	private static final Logger logger = LoggerFactory.getLogger(ChatMember.class);

	private final GreenQueue<String> outbox;

	private final ChatPeer peer;

	// Written by the room under its lock (join, rename); read by any green thread.
	private volatile String nick;

	// Written once by drop, from any green thread; read by the member's own reader
	// (broadcast).
	private volatile boolean dropped;

	ChatMember(String nick, int outboxCapacity, ChatPeer peer) {
		this.nick = nick;
		this.peer = peer;
		this.outbox = GreenQueue.bounded("chat-outbox-" + nick, outboxCapacity);
	}

	String nick() {
		return this.nick;
	}

	void rename(String nick) {
		this.nick = nick;
	}

	/**
	 * Queues a line for this client. Returns at once.
	 * @param line the line
	 * @return {@code false} if the outbox is full or closed
	 */
	boolean send(String line) {
		return this.outbox.offer(line);
	}

	/**
	 * Closes the outbox: the writer sends the lines left, then closes the connection.
	 * Returns at once.
	 */
	void close() {
		this.outbox.close();
	}

	/**
	 * Drops the member: closes its outbox and its connection at once, without flushing,
	 * so that its writer (parked on a client that does not read) and its reader both end.
	 * Returns at once; may be called from any green thread or event loop, any number of
	 * times.
	 */
	void drop() {
		this.dropped = true;
		this.outbox.close();
		this.peer.drop();
	}

	/**
	 * Returns whether the member was dropped; a dropped member's lines go to no one.
	 * @return whether it was dropped
	 */
	boolean isDropped() {
		return this.dropped;
	}

	/**
	 * Writes the outbox's lines to the client until the outbox is closed and empty, or
	 * the client is gone, then closes the connection. Runs on the client's writer green
	 * thread.
	 */
	void write() {
		ChatPeer peer = this.peer;
		try {
			for (;;) {
				peer.send(this.outbox.take());
			}
		}
		catch (GreenQueueClosedException ex) {
			// closed and drained: the client left or was dropped
		}
		catch (IOException ex) {
			logger.debug("Chat client {} is gone: {}", this.nick, ex.toString());
		}
		finally {
			peer.close();
		}
	}

}
