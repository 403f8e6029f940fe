package io.greenhub.spring.web;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeout;
import io.greenhub.GreenTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * One green request: a Mono subscribed once by the dispatcher, its subscription and the
 * body of its green thread ({@link #call}), in one object.
 *
 * <p>
 * The timeout is a {@link GreenTimeout} that the green thread starts on itself: there is
 * no timer task, and a handler that never parks costs nothing for it; one that parks
 * waits at most until the deadline, and its wait then throws, which unwinds the handler.
 *
 * <p>
 * The state moves once from {@code NEW}: to {@code RUNNING} by the green thread as it
 * starts, or to {@code CANCELLED} by a cancelling thread; from {@code RUNNING} to
 * {@code DONE} by the green thread once the handler has unwound, or to {@code CANCELLED}.
 * Whoever moves it from {@code NEW} releases the in-flight permit; otherwise the green
 * thread does.
 */
final class GreenRequest extends Mono<HandlerResult> implements Subscription, Callable<@Nullable Void> {

	private static final Logger logger = LoggerFactory.getLogger(GreenRequestDispatcher.class);

	private static final AutoCloseable[] NO_SCOPES = new AutoCloseable[0];

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int DONE = 2;

	private static final int CANCELLED = 3;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(GreenRequest.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final GreenRequestDispatcher dispatcher;

	private final ServerWebExchange exchange;

	private final Object handler;

	private final HandlerAdapter handling;

	private final Duration timeout;

	private final long timeoutNanos;

	private final String timeoutProperty;

	// Written by the subscribing loop before the spawn; read by the green thread after
	// it.
	private @Nullable CoreSubscriber<? super HandlerResult> actual;

	private @Nullable Object @Nullable [] captured;

	// Written by the subscribing loop after the spawn; read by cancelling threads.
	private volatile @Nullable GreenThread<?> thread;

	private volatile int state;

	GreenRequest(GreenRequestDispatcher dispatcher, ServerWebExchange exchange, Object handler, HandlerAdapter handling,
			Duration timeout, String timeoutProperty) {
		this.dispatcher = dispatcher;
		this.exchange = exchange;
		this.handler = handler;
		this.handling = handling;
		this.timeout = timeout;
		this.timeoutNanos = timeout.toNanos();
		this.timeoutProperty = timeoutProperty;
	}

	/** Admits, captures and spawns: on the event loop that read the request. */
	@Override
	public void subscribe(CoreSubscriber<? super HandlerResult> actual) {
		if (this.actual != null) {
			Operators.error(actual, new IllegalStateException("A green request is subscribed to once"));
			return;
		}
		if (!this.dispatcher.admit()) {
			Operators.error(actual, this.dispatcher.rejection());
			return;
		}
		this.actual = actual;
		RequestContextCarrier[] carriers = this.dispatcher.carriers;
		if (carriers.length > 0) {
			@Nullable Object[] captured = new Object[carriers.length];
			for (int i = 0; i < carriers.length; i++) {
				captured[i] = carriers[i].capture(actual.currentContext());
			}
			this.captured = captured;
		}
		actual.onSubscribe(this);
		GreenHub hub = this.dispatcher.hub();
		GreenThread<?> spawned;
		try {
			// the one green thread of this request
			spawned = hub.<@Nullable Void>spawn(this);
		}
		catch (RejectedExecutionException ex) {
			// the only rejection a spawn makes: the hub group is closed
			if (STATE.compareAndSet(this, NEW, DONE)) {
				this.dispatcher.release();
				actual.onError(new GreenHandlerUnavailableException("Shutting down",
						"No green handler can start: " + ex.getMessage(), ex));
			}
			return;
		}
		this.thread = spawned;
		if (this.state == CANCELLED) {
			kill(spawned);
		}
	}

	/** The green thread: runs the handling and emits its outcome once it has unwound. */
	@Override
	public @Nullable Void call() {
		if (!STATE.compareAndSet(this, NEW, RUNNING)) {
			return null;
		}
		CoreSubscriber<? super HandlerResult> actual = Objects.requireNonNull(this.actual);
		@Nullable Object[] captured = this.captured;
		@Nullable AutoCloseable[] scopes = (captured != null) ? new AutoCloseable[captured.length] : NO_SCOPES;
		try {
			HandlerResult result = null;
			Throwable failure = null;
			GreenTimeout limit = null;
			try {
				limit = (this.timeoutNanos > 0) ? GreenTimeout.start(this.timeout) : null;
				if (captured != null) {
					restore(captured, scopes);
				}
				result = Green
					.blockOn(this.handling.handle(this.exchange, this.handler).contextWrite(actual.currentContext()));
			}
			catch (Throwable ex) {
				failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
			}
			finally {
				if (limit != null) {
					limit.close();
				}
			}
			if (limit != null && failure instanceof GreenTimeoutException timedOut && timedOut.isFrom(limit)) {
				this.dispatcher.countTimedOut();
				failure = new GreenHandlerTimeoutException(this.timeout, this.timeoutProperty);
			}
			if (failure != null) {
				// the request is a scope: what the failed handler started dies with it,
				// before its answer
				Green.killChildren(failure);
			}
			emit(actual, result, failure);
		}
		finally {
			close(scopes);
			this.dispatcher.release();
		}
		return null;
	}

	private void emit(CoreSubscriber<? super HandlerResult> actual, @Nullable HandlerResult result,
			@Nullable Throwable failure) {
		if (STATE.compareAndSet(this, RUNNING, DONE)) {
			if (failure == null) {
				if (result != null) {
					actual.onNext(result);
				}
				actual.onComplete();
			}
			else if (failure instanceof GreenKilledException killed) {
				actual.onError(new GreenHandlerUnavailableException("Handler killed",
						"The green handler was killed: " + killed.getMessage(), killed));
			}
			else {
				actual.onError(failure);
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Green handler killed after its request was cancelled: {}",
					(failure != null) ? failure.getMessage() : "it had finished");
		}
	}

	/**
	 * Restores the captured context on the green thread; each scope is kept as it is
	 * opened.
	 */
	private void restore(@Nullable Object[] captured, @Nullable AutoCloseable[] scopes) {
		RequestContextCarrier[] carriers = this.dispatcher.carriers;
		for (int i = 0; i < captured.length; i++) {
			Object value = captured[i];
			if (value != null) {
				scopes[i] = carriers[i].restore(value);
			}
		}
	}

	/**
	 * Closes the scopes of a restored context, newest first; on the thread that restored
	 * them.
	 */
	static void close(@Nullable AutoCloseable[] scopes) {
		for (int i = scopes.length - 1; i >= 0; i--) {
			AutoCloseable scope = scopes[i];
			if (scope != null) {
				try {
					scope.close();
				}
				catch (Exception ex) {
					logger.warn("Failed to restore a green handler's thread context", ex);
				}
			}
		}
	}

	@Override
	public void request(long n) {
		// a Mono: its one value is emitted when the handler returns
	}

	/** The client went away: kills the green thread and returns at once. */
	@Override
	public void cancel() {
		int now = this.state;
		if ((now == NEW || now == RUNNING) && STATE.compareAndSet(this, now, CANCELLED)) {
			this.dispatcher.countCancelled();
			if (now == NEW) {
				this.dispatcher.release();
			}
			GreenThread<?> spawned = this.thread;
			if (spawned != null) {
				kill(spawned);
			}
		}
	}

	private static void kill(GreenThread<?> thread) {
		try {
			// false when it has ended or been killed already
			thread.kill();
		}
		catch (IllegalStateException ex) {
			// the green thread itself cancelled its request while emitting: it is ending
			// anyway
		}
	}

}
