package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One green session from its upgrade request on: the reactive {@code WebSocketHandler}
 * that WebFlux's {@code WebSocketService} upgrades the request with, the Mono that
 * Reactor Netty subscribes to once the handshake is done, and the body of the session's
 * green thread ({@link #call}), in one object.
 *
 * <p>
 * The session holds a permit of {@code green.websocket.max-sessions} from its admission
 * on. The state moves once from {@code NEW}: to {@code STARTED} by the event loop that
 * subscribes as the handshake completes, which then spawns the green thread, whose end
 * releases the permit; or to {@code ABANDONED} once the upgrade has ended without a
 * session (a failed handshake, a sub-protocol that does not match, a cancelled exchange),
 * which releases it.
 */
final class GreenSessionRun extends Mono<Void> implements WebSocketHandler, Callable<@Nullable Void> {

	private static final Logger logger = LoggerFactory.getLogger(GreenWebSocketHandlerAdapter.class);

	private static final int NEW = 0;

	private static final int STARTED = 1;

	private static final int ABANDONED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(GreenSessionRun.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final GreenWebSocketHandlerAdapter adapter;

	private final GreenWebSocketHandler handler;

	private final Channel channel;

	private volatile int state;

	// Written by the event loop in handle, just before it subscribes; read there.
	private @Nullable WebSocketSession reactive;

	// Written by the subscribing event loop before the spawn; read by the green thread
	// after it.
	private @Nullable DefaultGreenWebSocketSession session;

	private @Nullable CoreSubscriber<? super Void> actual;

	private @Nullable Supplier<Runnable> context;

	GreenSessionRun(GreenWebSocketHandlerAdapter adapter, GreenWebSocketHandler handler, Channel channel) {
		this.adapter = adapter;
		this.handler = handler;
		this.channel = channel;
	}

	@Override
	public List<String> getSubProtocols() {
		return this.handler.getSubProtocols();
	}

	/**
	 * Called by WebFlux's upgrade once the handshake is done, on the connection's event
	 * loop.
	 */
	@Override
	public Mono<Void> handle(WebSocketSession session) {
		this.reactive = session;
		return this;
	}

	/** Starts the session's green thread: on the event loop that owns the connection. */
	@Override
	public void subscribe(CoreSubscriber<? super Void> actual) {
		actual.onSubscribe(Operators.emptySubscription());
		WebSocketSession reactive = this.reactive;
		if (reactive == null || !STATE.compareAndSet(this, NEW, STARTED)) {
			// the exchange ended first and released the permit: try again later; or a
			// second subscription
			if (reactive != null && this.state == ABANDONED) {
				reactive.close(CloseStatus.SERVICE_OVERLOAD).subscribe();
			}
			actual.onComplete();
			return;
		}
		DefaultGreenWebSocketSession session = new DefaultGreenWebSocketSession(reactive, this.channel, this.adapter);
		this.session = session;
		this.actual = actual;
		this.context = this.adapter.captureContext(actual.currentContext());
		try {
			this.adapter.hub().spawn(this);
		}
		catch (RejectedExecutionException ex) {
			// the only rejection a spawn makes: the hub group is closed
			logger.debug("WebSocket session {} cannot start: {}", session.getId(), ex.getMessage());
			session.finish(CloseStatus.GOING_AWAY);
			this.adapter.release();
			actual.onComplete();
		}
	}

	/**
	 * Releases the permit of an upgrade that ended without starting its session. On the
	 * event loop or the thread that cancels the exchange.
	 */
	void abandonIfNotStarted() {
		if (STATE.compareAndSet(this, NEW, ABANDONED)) {
			this.adapter.release();
		}
	}

	/**
	 * The session's green thread: runs the handler, then closes the session by how it
	 * ended.
	 */
	@Override
	public @Nullable Void call() {
		DefaultGreenWebSocketSession session = Objects.requireNonNull(this.session);
		CoreSubscriber<? super Void> actual = Objects.requireNonNull(this.actual);
		CloseStatus status = CloseStatus.NORMAL;
		Runnable restored = null;
		try {
			restored = Objects.requireNonNull(this.context).get();
			this.handler.handle(session);
		}
		catch (GreenKilledException ex) {
			logger.debug("Green WebSocket handler of session {} was killed: {}", session.getId(), ex.getMessage());
			status = CloseStatus.GOING_AWAY;
			Green.killChildren(ex);
		}
		catch (Throwable ex) {
			if (ex instanceof IOException && !session.isOpen()) {
				// a send after the session ended, let through: the end of the session,
				// not a failure
				logger.debug("Green WebSocket handler of session {} ended by {}", session.getId(), ex.toString());
			}
			else {
				logger.warn("Green WebSocket handler of session {} failed; closing it with 1011", session.getId(), ex);
			}
			status = CloseStatus.SERVER_ERROR;
			// the session is a scope: what the failed handler started dies with it
			Green.killChildren(ex);
		}
		finally {
			if (restored != null) {
				restored.run();
			}
			session.finish(status);
			this.adapter.release();
			actual.onComplete();
		}
		return null;
	}

}
