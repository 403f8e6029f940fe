package io.greenhub.autoconfigure.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.greenhub.GreenKilledException;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies {@code green.handler.max-in-flight} and {@code green.handler.timeout} to each request
 * served by a {@code @GreenHandler} method: beyond the limit a request is answered 503 with
 * {@code Retry-After} at once; a request running past the timeout is cancelled, which kills its
 * green thread, and answered 503; a handler killed otherwise (at shutdown, say), or one that cannot
 * start because the application is shutting down, is answered 503
 * too. Every answer carries an RFC 9457 problem detail. Runs on the event
 * loop serving the request. The timeouts are timed by a thread of the filter's own, never by a hub's
 * event loop, on a Netty {@link HashedWheelTimer}: arming and cancelling one takes no lock and wakes
 * no thread, so the loops never wait for the timer (a scheduler's timer queue, taken per request,
 * held loop-mode hubs up to 130 ms under load). An expired timeout cancels the handler on Reactor's
 * bounded-elastic scheduler, since the kill waits for the handler to unwind.
 */
final class GreenHandlerFilter implements WebFilter, Ordered, DisposableBean {

	/** The timer's tick: how late a timeout may fire. */
	private static final long TICK_MILLIS = 10;

	private static final Logger logger = LoggerFactory.getLogger(GreenHandlerFilter.class);

	/**
	 * Reactor's key (package-private {@code Hooks.KEY_ON_ERROR_DROPPED}) of an on-error-dropped hook
	 * for one subscription.
	 */
	private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

	/**
	 * A handler killed because its client went away ends with a {@link GreenKilledException} that no
	 * subscriber waits for any more: that is the expected end of an aborted request, logged at DEBUG
	 * rather than as an error with its stack; any other dropped error goes to Reactor's hooks. Runs on
	 * the killed handler's green thread.
	 */
	private static final Consumer<Throwable> KILLED_HANDLERS_DROPPED = (ex) -> {
		if (ex instanceof GreenKilledException) {
			logger.debug("Green handler killed after its request was cancelled: {}", ex.getMessage());
		}
		else {
			Operators.onErrorDropped(ex, Context.empty());
		}
	};

	private final ObjectProvider<HandlerMapping> mappings;

	// The handler mappings in order, resolved once by the loop serving the first request (the
	// context has started by then); read by every loop after. Resolving them per request asked the
	// bean factory for every candidate bean each time.
	private volatile @Nullable List<HandlerMapping> orderedMappings;

	private final Duration timeout;

	private final int maxInFlight;

	private final Duration retryAfter;

	private final boolean carrySecurityContext;

	// Incremented as a green request starts and decremented as it ends, on the loops serving them.
	private final AtomicInteger inFlight = new AtomicInteger();

	// Counted on the loops that refuse or time out requests; read by metrics and tests.
	private final LongAdder rejected = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final HashedWheelTimer timer = new HashedWheelTimer(new DefaultThreadFactory("green-handler-timeouts", true),
			TICK_MILLIS, TimeUnit.MILLISECONDS);

	GreenHandlerFilter(ObjectProvider<HandlerMapping> mappings, Duration timeout, int maxInFlight,
			Duration retryAfter, boolean carrySecurityContext) {
		this.mappings = mappings;
		this.timeout = timeout;
		this.maxInFlight = maxInFlight;
		this.retryAfter = retryAfter;
		this.carrySecurityContext = carrySecurityContext;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// the handler the dispatcher will pick: the first mapping, in order, that has one
		return Flux.fromIterable(orderedMappings())
			.concatMap((mapping) -> mapping.getHandler(exchange).onErrorResume((ex) -> Mono.empty()))
			.next()
			.map((handler) -> handler instanceof HandlerMethod method && GreenWebFluxAutoConfiguration.isGreenHandler(method))
			.defaultIfEmpty(false)
			.flatMap((green) -> green ? limited(exchange, chain) : chain.filter(exchange));
	}

	private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			this.rejected.increment();
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())));
			return problem(exchange, "Too many requests in flight", "Green handlers in flight are at their limit of "
					+ this.maxInFlight + " (green.handler.max-in-flight)");
		}
		Mono<Void> handled = chain.filter(exchange);
		if (this.carrySecurityContext) {
			handled = SecurityContextContributor.withSecurityContext(handled);
		}
		if (!this.timeout.isZero()) {
			// cancelling kills the handler and waits for it to unwind, so the timer must be a
			// thread that may wait
			handled = handled.timeout(expiry(), Mono.defer(() -> {
				this.timedOut.increment();
				return problem(exchange, "Handler timed out",
						"The handler did not finish within " + this.timeout + " (green.handler.timeout)");
			}));
		}
		return handled
			.onErrorResume(GreenKilledException.class,
					(killed) -> problem(exchange, "Handler killed", "The green handler was killed: " + killed.getMessage()))
			// the executor or the hub group is shut down: the application is stopping
			.onErrorResume(GreenHandlerExecutor.ShuttingDownException.class,
					(rejected) -> problem(exchange, "Shutting down", "No green handler can start: " + rejected.getMessage()))
			.doFinally((signal) -> this.inFlight.decrementAndGet())
			.contextWrite(Context.of(ON_ERROR_DROPPED, KILLED_HANDLERS_DROPPED));
	}

	private List<HandlerMapping> orderedMappings() {
		List<HandlerMapping> ordered = this.orderedMappings;
		if (ordered == null) {
			ordered = this.mappings.orderedStream().toList();
			this.orderedMappings = ordered;
		}
		return ordered;
	}

	/**
	 * A Mono that emits when the handler timeout expires: on the timer's thread, then on a
	 * bounded-elastic thread, which cancels the handler.
	 */
	private Mono<Long> expiry() {
		return Mono.<Long>create((sink) -> {
			Timeout expiry = this.timer.newTimeout((ignored) -> sink.success(0L), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			sink.onCancel(expiry::cancel);
		}).publishOn(Schedulers.boundedElastic());
	}

	/** Stops the timer thread with the application context. */
	@Override
	public void destroy() {
		this.timer.stop();
	}

	private static Mono<Void> problem(ServerWebExchange exchange, String title, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			// too late for a problem detail: abort, so the client does not take a cut response as whole
			return Mono.error(new IllegalStateException(title + " after the response was committed: " + detail));
		}
		String json = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":503,\"detail\":"
				+ quote(detail) + ",\"instance\":" + quote(exchange.getRequest().getPath().value()) + "}";
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		// at commit, since a killed handler's own error handling may clear content headers meanwhile
		response.beforeCommit(() -> {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return Mono.empty();
		});
		return response.writeWith(Mono.fromSupplier(
				() -> response.bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8))));
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long rejected() {
		return this.rejected.sum();
	}

	long timedOut() {
		return this.timedOut.sum();
	}

}
