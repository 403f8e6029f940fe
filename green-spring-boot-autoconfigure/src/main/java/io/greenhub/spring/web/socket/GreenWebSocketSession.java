package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;

/**
 * One WebSocket session, read and written from green threads: what a
 * {@link GreenWebSocketHandler} is given. It stands for WebFlux's
 * {@code WebSocketSession}, whose {@code Flux} of messages becomes {@link #receive()} and
 * whose {@code send(Publisher)} becomes one call per message. <pre>{@code
 * for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
 *     session.sendText(message.getPayloadAsText().toUpperCase());
 * }
 * }</pre>
 *
 * <h2>Back-pressure</h2> Receiving is driven by demand: while no green thread receives,
 * the connection is not read beyond a few messages, so a peer that sends faster than the
 * handler reads holds a bounded amount of memory. Sending follows Reactor Netty's demand:
 * at most 128 messages of a session wait unwritten in memory (Reactor Netty's send
 * prefetch), and a send beyond them parks its green thread until the peer has read
 * enough; so a peer that never reads holds a bounded amount of memory, and the session
 * can still be {@linkplain #close(CloseStatus) closed} or its thread killed.
 *
 * <h2>The end of a session</h2> The session ends when either side closes it, or the
 * connection fails. Then {@link #receive()} returns {@code null}, a send parked on
 * back-pressure, and every send after it, throws a
 * {@link java.nio.channels.ClosedChannelException}, and {@link #awaitClose()} says how it
 * closed. A peer that sends a malformed frame (an unmasked frame, a reserved opcode, a
 * fragmented control frame, a frame over the maximum payload) is closed by the server
 * with {@code 1002} or {@code 1009}, which {@code awaitClose} then returns.
 *
 * <h2>Threads</h2> One green thread receives at a time; any green threads may send, one
 * message after the other. The operations that wait park a green thread and block a
 * platform thread; on an event loop they throw {@link IllegalStateException} if they
 * would have to wait. A kill or a timeout of a green thread parked in {@code receive}
 * closes the session; one of a green thread parked in a send ends that send with
 * {@link io.greenhub.GreenKilledException} (or the timeout's exception) and leaves the
 * session open. The other operations return at once and may be called from any thread.
 */
public interface GreenWebSocketSession {

	/**
	 * Returns the session's id, unique in the server.
	 * @return the id
	 */
	String getId();

	/**
	 * Returns what the handshake request carried: its URI, headers, principal,
	 * sub-protocol and addresses.
	 * @return the handshake information
	 */
	HandshakeInfo getHandshakeInfo();

	/**
	 * Returns the session's attributes, a map for the application's own use, which starts
	 * with the exchange attributes that WebFlux's {@code WebSocketService} copies.
	 * @return the attributes
	 */
	Map<String, Object> getAttributes();

	/**
	 * Waits for the next text or binary message and returns it; pings and pongs are
	 * answered and dropped by the server. Parks the green thread until a message arrives
	 * or the session ends.
	 * @return the message, or {@code null} once the session has ended (closed by either
	 * side, or its connection gone) and every message that came before has been returned
	 */
	@Nullable GreenWebSocketMessage receive();

	/**
	 * Sends a text message, parking while 128 messages of this session wait unwritten.
	 * @param text the text
	 * @throws IOException a {@link java.nio.channels.ClosedChannelException} if the
	 * session has ended or is closing
	 */
	void sendText(String text) throws IOException;

	/**
	 * Sends a binary message, as {@link #sendText(String)}. The bytes are copied.
	 * @param bytes the payload
	 * @throws IOException a {@link java.nio.channels.ClosedChannelException} if the
	 * session has ended or is closing
	 */
	void sendBinary(byte[] bytes) throws IOException;

	/**
	 * Sends the remaining bytes of the buffer as a binary message, as
	 * {@link #sendText(String)}. The bytes are copied; the buffer's position moves to its
	 * limit.
	 * @param bytes the payload
	 * @throws IOException a {@link java.nio.channels.ClosedChannelException} if the
	 * session has ended or is closing
	 */
	void sendBinary(ByteBuffer bytes) throws IOException;

	/**
	 * Sends the message as it came, text or binary, as {@link #sendText(String)}: what an
	 * echo does.
	 * @param message the message
	 * @throws IOException a {@link java.nio.channels.ClosedChannelException} if the
	 * session has ended or is closing
	 */
	void send(GreenWebSocketMessage message) throws IOException;

	/**
	 * Closes the session with {@code 1000} (normal closure), as
	 * {@link #close(CloseStatus)}.
	 */
	default void close() {
		close(CloseStatus.NORMAL);
	}

	/**
	 * Closes the session with the status: what was sent before goes first, then the close
	 * frame, then the connection is closed. Returns at once; a parked send ends at once
	 * with a {@link java.nio.channels.ClosedChannelException}. A peer that does not read
	 * its close frame has its connection closed without it after
	 * {@code green.websocket.close-timeout}. Only the first close of a session counts;
	 * after the peer's close it does nothing.
	 * @param status the status, one an endpoint may send ({@code 1005}, {@code 1006} and
	 * {@code 1015} are not), with a reason of at most 123 bytes in UTF-8
	 * @throws IllegalArgumentException if the status is not one an endpoint may send
	 */
	void close(CloseStatus status);

	/**
	 * Returns whether the session is open: neither side has begun to close it and its
	 * connection is up. Returns at once.
	 * @return whether it is open
	 */
	boolean isOpen();

	/**
	 * Waits until the session has ended and returns how: the status of the first close
	 * frame, sent or received; {@code 1002} or {@code 1009} when the server closed the
	 * session for a malformed or oversized frame; {@code 1005} for a close frame without
	 * a status; {@code 1006} when the connection ended without a close frame. Parks the
	 * green thread until then; once {@link #receive()} has returned {@code null} it
	 * returns at once or within moments.
	 * @return the close status
	 */
	CloseStatus awaitClose();

}
