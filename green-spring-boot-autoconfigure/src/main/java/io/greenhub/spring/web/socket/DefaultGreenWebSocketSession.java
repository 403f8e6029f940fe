package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.greenhub.Green;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The green session over WebFlux's reactive session on Reactor Netty. Made on the event
 * loop that owns the connection as the handshake completes: it subscribes then to the
 * reactive session's messages (through a green iterator, a few at a time), its outbound
 * (the {@link Outbound}) and its close status, and it watches the channel close: how it
 * ends is its {@link SessionEnd}'s.
 */
final class DefaultGreenWebSocketSession implements GreenWebSocketSession {

	private static final Logger logger = LoggerFactory.getLogger(GreenWebSocketHandlerAdapter.class);

	/** How many received messages are requested at a time, and so at most held unread. */
	private static final int RECEIVE_BATCH = 8;

	private final WebSocketSession delegate;

	private final Channel channel;

	private final GreenWebSocketHandlerAdapter adapter;

	private final Outbound outbound;

	private final Iterator<GreenWebSocketMessage> inbound;

	private final SessionEnd end;

	DefaultGreenWebSocketSession(WebSocketSession delegate, Channel channel, GreenWebSocketHandlerAdapter adapter) {
		this.delegate = delegate;
		this.channel = channel;
		this.adapter = adapter;
		this.outbound = new Outbound(delegate.getId());
		this.end = new SessionEnd(delegate, channel, adapter, this.outbound);
		this.inbound = Green
			.toIterable(delegate.receive()
				.filter(GreenWebSocketMessage::isData)
				.map(GreenWebSocketMessage::copyOf)
				.onErrorResume(this.end::inboundFailed), RECEIVE_BATCH)
			.iterator();
		delegate.send(this.outbound)
			.subscribe(null, (ex) -> logger.debug("WebSocket session {}: sending ended: {}", getId(), ex.toString()));
		this.end.watch();
	}

	@Override
	public String getId() {
		return this.delegate.getId();
	}

	@Override
	public HandshakeInfo getHandshakeInfo() {
		return this.delegate.getHandshakeInfo();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.delegate.getAttributes();
	}

	@Override
	public @Nullable GreenWebSocketMessage receive() {
		if (!this.inbound.hasNext()) {
			return null;
		}
		GreenWebSocketMessage message = this.inbound.next();
		this.adapter.countReceived();
		return message;
	}

	@Override
	public void sendText(String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		send(WebSocketMessage.Type.TEXT, bytes);
	}

	@Override
	public void sendBinary(byte[] bytes) throws IOException {
		send(WebSocketMessage.Type.BINARY, bytes.clone());
	}

	@Override
	public void sendBinary(ByteBuffer bytes) throws IOException {
		byte[] copy = new byte[bytes.remaining()];
		bytes.get(copy);
		send(WebSocketMessage.Type.BINARY, copy);
	}

	@Override
	public void send(GreenWebSocketMessage message) throws IOException {
		send(message.getType(), message.bytes());
	}

	/** Sends bytes that nobody changes any more, wrapped rather than copied again. */
	private void send(WebSocketMessage.Type type, byte[] payload) throws ClosedChannelException {
		Supplier<WebSocketMessage> message = () -> new WebSocketMessage(type,
				this.delegate.bufferFactory().wrap(payload));
		this.outbound.send(message);
		this.adapter.countSent();
	}

	@Override
	public void close(CloseStatus status) {
		this.end.close(Objects.requireNonNull(status, "status"));
	}

	/** Ends the session once its handler has returned, as {@link SessionEnd#finish}. */
	void finish(CloseStatus status) {
		this.end.finish(status);
	}

	@Override
	public boolean isOpen() {
		return this.end.isOpen();
	}

	@Override
	public CloseStatus awaitClose() {
		return this.end.await();
	}

	/** The connection's channel: its event loop, and for tests. */
	Channel channel() {
		return this.channel;
	}

	@Override
	public String toString() {
		return "GreenWebSocketSession[id=" + getId() + ", uri=" + getHandshakeInfo().getUri() + "]";
	}

}
