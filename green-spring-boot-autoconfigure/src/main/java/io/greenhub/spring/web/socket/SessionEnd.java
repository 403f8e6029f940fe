package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * How a {@link DefaultGreenWebSocketSession} ends: this side's close, the end seen first,
 * and the forced close of a connection whose peer does not read its close frame.
 *
 * <p>
 * How the session ended is completed once, by the first of: the reactive close status
 * (the first close frame sent or received), a failed inbound (a malformed frame), and the
 * channel closing (without a close frame: {@code 1006}). Each of them also ends the
 * outbound, so that no send parks on a session that has ended.
 */
final class SessionEnd {

	private static final Logger logger = LoggerFactory.getLogger(GreenWebSocketHandlerAdapter.class);

	/**
	 * The most bytes of a close frame's reason: its payload is at most 125 bytes with the
	 * code.
	 */
	private static final int MAX_REASON_BYTES = 123;

	private static final VarHandle CLOSING;

	private static final VarHandle CONNECTION_CLOSE_SCHEDULED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CLOSING = lookup.findVarHandle(SessionEnd.class, "closing", CloseStatus.class);
			CONNECTION_CLOSE_SCHEDULED = lookup.findVarHandle(SessionEnd.class, "connectionCloseScheduled",
					boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final WebSocketSession delegate;

	private final Channel channel;

	private final GreenWebSocketHandlerAdapter adapter;

	private final Outbound outbound;

	// Completed once, by whichever thread sees the end first (see above); awaited by
	// green threads.
	private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();

	// Set once, by the first close of this side, from any thread; read by isOpen.
	private volatile @Nullable CloseStatus closing;

	// Set once, by the thread that schedules the connection's forced close.
	private volatile boolean connectionCloseScheduled;

	// Written by the event loop as the decoder reports a malformed frame; read by it as
	// the session ends.
	private volatile @Nullable CloseStatus corruption;

	SessionEnd(WebSocketSession delegate, Channel channel, GreenWebSocketHandlerAdapter adapter, Outbound outbound) {
		this.delegate = delegate;
		this.channel = channel;
		this.adapter = adapter;
		this.outbound = outbound;
	}

	/**
	 * Watches the ends of the session: its reactive close status, its channel's close,
	 * and the malformed frames of its decoder. On the event loop, as the session is made.
	 */
	void watch() {
		this.delegate.closeStatus()
			.subscribe(this::ended, (ex) -> endedWithoutCloseFrame(), this::endedWithoutCloseFrame);
		this.channel.closeFuture().addListener((future) -> endedWithoutCloseFrame());
		ChannelHandlerContext decoder = this.channel.pipeline().context(WebSocketFrameDecoder.class);
		if (decoder != null) {
			this.channel.pipeline().addAfter(decoder.name(), FrameErrors.NAME, new FrameErrors(this));
		}
	}

	/** This side's close, as {@link GreenWebSocketSession#close(CloseStatus)}. */
	void close(CloseStatus status) {
		checkSendable(status);
		if (CLOSING.compareAndSet(this, (CloseStatus) null, status)) {
			this.outbound.close();
			if (!this.closed.isDone()) {
				// after what was handed on before, on the same event loop; then the
				// channel closes
				this.delegate.close(status)
					.subscribe(null,
							(ex) -> logger.debug("WebSocket session {}: close failed: {}", id(), ex.toString()));
			}
			closeConnectionLater();
		}
	}

	private static void checkSendable(CloseStatus status) {
		if (!WebSocketCloseStatus.isValidStatusCode(status.getCode())) {
			throw new IllegalArgumentException(
					"Close status " + status.getCode() + " is not one that an endpoint may send");
		}
		String reason = status.getReason();
		if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
			throw new IllegalArgumentException("The reason of a close status is at most " + MAX_REASON_BYTES
					+ " bytes in UTF-8, was: " + reason.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	/**
	 * Ends the session once its handler has returned: closes it with the status unless
	 * either side closed it already, and closes its connection at the latest after the
	 * close timeout.
	 */
	void finish(CloseStatus status) {
		close(status);
		closeConnectionLater();
	}

	/**
	 * Closes the channel after the close timeout if it is still open then: a peer that
	 * does not read would otherwise hold its close frame, and the connection, for ever.
	 * Once per session.
	 */
	private void closeConnectionLater() {
		if (this.channel.isActive() && CONNECTION_CLOSE_SCHEDULED.compareAndSet(this, false, true)) {
			ScheduledFuture<?> forced = this.channel.eventLoop().schedule(() -> {
				if (this.channel.isActive()) {
					logger.debug(
							"WebSocket session {}: the close frame was not written within {}; closing the connection",
							id(), this.adapter.getCloseTimeout());
					this.channel.close();
				}
			}, this.adapter.getCloseTimeout().toNanos(), TimeUnit.NANOSECONDS);
			this.channel.closeFuture().addListener((future) -> forced.cancel(false));
		}
	}

	/** As {@link GreenWebSocketSession#isOpen()}. */
	boolean isOpen() {
		return this.closing == null && !this.closed.isDone() && this.channel.isActive();
	}

	/** As {@link GreenWebSocketSession#awaitClose()}. */
	CloseStatus await() {
		return Green.blockOn(this.closed);
	}

	/**
	 * The connection ended without a close frame this session saw: {@code 1006}, or the
	 * status of the malformed frame for which Netty's decoder closed it. Decided in a
	 * task of its own on the event loop: the decoder closes the connection before its
	 * exception reaches {@link FrameErrors}.
	 */
	private void endedWithoutCloseFrame() {
		try {
			this.channel.eventLoop().execute(() -> {
				CloseStatus corrupted = this.corruption;
				ended((corrupted != null) ? corrupted : CloseStatus.NO_CLOSE_FRAME);
			});
		}
		catch (RejectedExecutionException ex) {
			ended(CloseStatus.NO_CLOSE_FRAME);
		}
	}

	/** The first end seen: on the event loop, or on the thread that closes. */
	private void ended(CloseStatus status) {
		this.closed.complete(status);
		this.outbound.close();
	}

	/**
	 * The inbound failed, on the event loop: a malformed frame (Netty's decoder has sent
	 * its close frame already), a message too big to aggregate (closed here with
	 * {@code 1009}), or the connection. A client's error: logged at DEBUG, without its
	 * stack.
	 */
	Mono<GreenWebSocketMessage> inboundFailed(Throwable ex) {
		CloseStatus status = statusOf(ex);
		logger.debug("WebSocket session {} ends with {}: {}", id(), status, ex.toString());
		if (ex instanceof CorruptedWebSocketFrameException
				|| status.getCode() == CloseStatus.NO_CLOSE_FRAME.getCode()) {
			ended(status);
		}
		else {
			close(status);
		}
		return Mono.empty();
	}

	static CloseStatus statusOf(Throwable ex) {
		if (ex instanceof CorruptedWebSocketFrameException corrupted) {
			return new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
		}
		if (ex instanceof TooLongFrameException) {
			return CloseStatus.TOO_BIG_TO_PROCESS;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return CloseStatus.NO_CLOSE_FRAME;
			}
		}
		return CloseStatus.SERVER_ERROR;
	}

	/** Netty's decoder closed the connection for a malformed frame: on the event loop. */
	void malformed(CorruptedWebSocketFrameException ex) {
		this.corruption = statusOf(ex);
		logger.debug("WebSocket session {} sent a malformed frame, closed with {}: {}", id(), this.corruption,
				ex.getMessage());
	}

	private String id() {
		return this.delegate.getId();
	}

}
