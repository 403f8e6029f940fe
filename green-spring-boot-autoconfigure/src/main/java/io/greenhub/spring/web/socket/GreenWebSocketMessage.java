package io.greenhub.spring.web.socket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * A text or binary WebSocket message, immutable and held on the heap: what
 * {@link GreenWebSocketSession#receive()} returns, and what
 * {@link GreenWebSocketSession#send} sends back as it came. Unlike WebFlux's
 * {@code WebSocketMessage} it holds no pooled buffer, so there is nothing to release: a
 * received message's payload is copied off the connection's buffer as it arrives, on the
 * event loop, and the buffer is released there.
 *
 * <p>
 * A message made from text keeps the text and encodes it in UTF-8 when its bytes are
 * asked for; one received as text keeps the bytes and decodes them when its text is asked
 * for. Instances are safe to share between threads.
 */
public final class GreenWebSocketMessage {

	private final WebSocketMessage.Type type;

	// Set at construction, or on first use by any thread: the encoded payload.
	private volatile byte @Nullable [] bytes;

	// Set at construction, or on first use by any thread: the decoded payload of a text
	// message.
	private volatile @Nullable String text;

	private GreenWebSocketMessage(WebSocketMessage.Type type, byte @Nullable [] bytes, @Nullable String text) {
		this.type = type;
		this.bytes = bytes;
		this.text = text;
	}

	/**
	 * Returns a text message.
	 * @param text the text
	 * @return the message
	 */
	public static GreenWebSocketMessage text(String text) {
		return new GreenWebSocketMessage(WebSocketMessage.Type.TEXT, null, Objects.requireNonNull(text, "text"));
	}

	/**
	 * Returns a binary message of a copy of the bytes.
	 * @param bytes the payload
	 * @return the message
	 */
	public static GreenWebSocketMessage binary(byte[] bytes) {
		return new GreenWebSocketMessage(WebSocketMessage.Type.BINARY, Objects.requireNonNull(bytes, "bytes").clone(),
				null);
	}

	/**
	 * Copies a received WebFlux message, leaving its buffer as it is (its owner releases
	 * it).
	 */
	static GreenWebSocketMessage copyOf(WebSocketMessage message) {
		DataBuffer payload = message.getPayload();
		byte[] bytes = new byte[payload.readableByteCount()];
		payload.toByteBuffer(payload.readPosition(), ByteBuffer.wrap(bytes), 0, bytes.length);
		return new GreenWebSocketMessage(message.getType(), bytes, null);
	}

	/**
	 * Whether a WebFlux message is one that {@code receive} returns: text or binary.
	 */
	static boolean isData(WebSocketMessage message) {
		return message.getType() == WebSocketMessage.Type.TEXT || message.getType() == WebSocketMessage.Type.BINARY;
	}

	/**
	 * Returns the type: {@code TEXT} or {@code BINARY}.
	 * @return the type
	 */
	public WebSocketMessage.Type getType() {
		return this.type;
	}

	/**
	 * Returns whether it is a text message.
	 * @return whether it is text
	 */
	public boolean isText() {
		return this.type == WebSocketMessage.Type.TEXT;
	}

	/**
	 * Returns the payload as text: a text message's text, or a binary message's bytes
	 * decoded as UTF-8.
	 * @return the text
	 */
	public String getPayloadAsText() {
		String decoded = this.text;
		if (decoded == null) {
			decoded = new String(bytes(), StandardCharsets.UTF_8);
			this.text = decoded;
		}
		return decoded;
	}

	/**
	 * Returns the payload, read-only: a binary message's bytes, or a text message's text
	 * in UTF-8.
	 * @return the payload, from position zero to its limit
	 */
	public ByteBuffer getPayload() {
		return ByteBuffer.wrap(bytes()).asReadOnlyBuffer();
	}

	/**
	 * Returns the payload's length in bytes.
	 * @return the length
	 */
	public int getPayloadLength() {
		return bytes().length;
	}

	/** The encoded payload, not to be changed: shared with the message. */
	byte[] bytes() {
		byte[] encoded = this.bytes;
		if (encoded == null) {
			encoded = Objects.requireNonNull(this.text).getBytes(StandardCharsets.UTF_8);
			this.bytes = encoded;
		}
		return encoded;
	}

	@Override
	public String toString() {
		return "GreenWebSocketMessage[" + this.type + ", " + getPayloadLength() + " bytes]";
	}

}
