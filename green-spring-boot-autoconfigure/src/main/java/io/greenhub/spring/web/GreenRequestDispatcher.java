package io.greenhub.spring.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * Starts the one green thread of each green request, under
 * {@code green.handler.max-in-flight} and {@code green.handler.timeout}, and counts what
 * it refuses and kills.
 *
 * <p>
 * {@link #dispatch} returns a Mono that, when the dispatcher subscribes to it on the
 * event loop that read the request, admits the request (or fails at once with a
 * {@link GreenHandlerRejectedException}), captures the request's context once and spawns
 * the green thread on that loop's hub. The green thread starts a {@code GreenTimeout} on
 * itself (no timer task: a handler that never parks pays nothing for it), runs the given
 * handling (argument resolution, the method, exception handlers) and emits its result, so
 * that the return value is written from the green thread too. Cancelling the Mono (the
 * client went away) kills the green thread and returns at once; nothing ever waits for a
 * killed handler. A handler that times out or is killed otherwise ends its request with a
 * {@link GreenHandlerUnavailableException} once it has unwound.
 *
 * <p>
 * The counters are written by the event loops and green threads that admit, refuse, time
 * out and cancel requests; they are read by metrics and tests.
 */
public class GreenRequestDispatcher {

	private static final boolean CONTEXT_PROPAGATION_PRESENT = ClassUtils
		.isPresent("io.micrometer.context.ContextSnapshotFactory", GreenRequestDispatcher.class.getClassLoader());

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder",
			GreenRequestDispatcher.class.getClassLoader());

	private final GreenHubGroup hubs;

	private final Duration timeout;

	private final int maxInFlight;

	private final Duration retryAfter;

	final RequestContextCarrier[] carriers;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final LongAdder cancelled = new LongAdder();

	/**
	 * Creates the dispatcher.
	 * @param hubs the hub group, for requests dispatched from a thread that is no hub's
	 * loop
	 * @param timeout how long a handler may run before it is killed; zero for no limit
	 * @param maxInFlight the most green handlers running at once
	 * @param retryAfter the {@code Retry-After} of a refused request
	 * @param contextPropagation whether the request's context (Micrometer
	 * context-propagation's registered thread locals and Reactor {@code Context} values,
	 * and Spring Security's reactive security context) is restored on the green thread
	 */
	public GreenRequestDispatcher(GreenHubGroup hubs, Duration timeout, int maxInFlight, Duration retryAfter,
			boolean contextPropagation) {
		this.hubs = hubs;
		this.timeout = timeout;
		this.maxInFlight = maxInFlight;
		this.retryAfter = retryAfter;
		this.carriers = contextPropagation ? carriers() : new RequestContextCarrier[0];
	}

	private static RequestContextCarrier[] carriers() {
		RequestContextCarrier micrometer = CONTEXT_PROPAGATION_PRESENT
				? new MicrometerContextCarrier(io.micrometer.context.ContextRegistry.getInstance()) : null;
		RequestContextCarrier security = SECURITY_PRESENT ? new SecurityContextCarrier() : null;
		if (micrometer != null && security != null) {
			return new RequestContextCarrier[] { micrometer, security };
		}
		if (micrometer != null || security != null) {
			return new RequestContextCarrier[] { (micrometer != null) ? micrometer : security };
		}
		return new RequestContextCarrier[0];
	}

	/**
	 * Returns a Mono that runs {@code handling.handle(exchange, handler)} on one new
	 * green thread when subscribed, as described above. Returns at once.
	 * @param exchange the request's exchange
	 * @param handler the handler the dispatcher found
	 * @param handling what handles it on the green thread, such as the
	 * {@code RequestMappingHandlerAdapter}
	 * @return the result, emitted on the green thread
	 */
	public Mono<HandlerResult> dispatch(ServerWebExchange exchange, Object handler, HandlerAdapter handling) {
		return new GreenRequest(this, exchange, handler, handling, this.timeout, "green.handler.timeout");
	}

	/**
	 * Returns a Mono that runs {@code handling.handle(exchange, handler)} on one new
	 * green thread when subscribed, as
	 * {@link #dispatch(ServerWebExchange, Object, HandlerAdapter)} does, under another
	 * timeout than the dispatcher's (that of streaming handlers). Returns at once.
	 * @param exchange the request's exchange
	 * @param handler the handler the dispatcher found
	 * @param handling what handles it on the green thread
	 * @param timeout how long the handler may run before it is killed; zero for no limit
	 * @param property the property that sets the timeout, named when it passes
	 * @return the result, emitted on the green thread
	 */
	public Mono<HandlerResult> dispatch(ServerWebExchange exchange, Object handler, HandlerAdapter handling,
			Duration timeout, String property) {
		return new GreenRequest(this, exchange, handler, handling, timeout, property);
	}

	/**
	 * Captures the context of a request now, as {@link #dispatch} does, for a green
	 * thread that this dispatcher does not start (a green WebSocket session's). Call it
	 * on the event loop, with the Reactor context of the request's subscriber; returns at
	 * once. The supplier, called once on the green thread, restores the context there and
	 * returns what undoes it, to be run on the same thread once the work is done. Nothing
	 * is captured when context propagation is off.
	 * @param context the request's Reactor context
	 * @return what restores the context
	 */
	public Supplier<Runnable> captureContext(ContextView context) {
		RequestContextCarrier[] carriers = this.carriers;
		if (carriers.length == 0) {
			return () -> () -> {
			};
		}
		@Nullable Object[] captured = new Object[carriers.length];
		for (int i = 0; i < carriers.length; i++) {
			captured[i] = carriers[i].capture(context);
		}
		return () -> {
			@Nullable AutoCloseable[] scopes = new AutoCloseable[carriers.length];
			for (int i = 0; i < carriers.length; i++) {
				Object value = captured[i];
				if (value != null) {
					scopes[i] = carriers[i].restore(value);
				}
			}
			return () -> GreenRequest.close(scopes);
		};
	}

	boolean admit() {
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			this.rejected.increment();
			return false;
		}
		return true;
	}

	GreenHandlerRejectedException rejection() {
		return new GreenHandlerRejectedException(this.maxInFlight, this.retryAfter);
	}

	void release() {
		this.inFlight.decrementAndGet();
	}

	void countTimedOut() {
		this.timedOut.increment();
	}

	void countCancelled() {
		this.cancelled.increment();
	}

	/** The hub of the calling event loop, or the group's next hub off the loops. */
	GreenHub hub() {
		try {
			return Green.currentHub();
		}
		catch (IllegalStateException ex) {
			return this.hubs.next();
		}
	}

	/**
	 * Returns how many green handlers run now.
	 * @return the handlers in flight
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Returns how many requests were refused because {@code max-in-flight} handlers were
	 * running.
	 * @return the count
	 */
	public long rejectedCount() {
		return this.rejected.sum();
	}

	/**
	 * Returns how many handlers were ended because {@code green.handler.timeout} passed.
	 * @return the count
	 */
	public long timedOutCount() {
		return this.timedOut.sum();
	}

	/**
	 * Returns how many handlers were killed because their request was cancelled.
	 * @return the count
	 */
	public long cancelledCount() {
		return this.cancelled.sum();
	}

	/**
	 * Returns the handler timeout; zero for none.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Returns the most green handlers running at once.
	 * @return the limit
	 */
	public int getMaxInFlight() {
		return this.maxInFlight;
	}

}
