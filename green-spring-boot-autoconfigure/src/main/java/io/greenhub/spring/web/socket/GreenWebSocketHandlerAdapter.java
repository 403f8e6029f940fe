package io.greenhub.spring.web.socket;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.spring.web.GreenHandlerRejectedException;
import io.greenhub.spring.web.GreenRequestDispatcher;
import io.netty.channel.Channel;
import reactor.core.publisher.Mono;
import reactor.netty.NettyInbound;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * The {@code HandlerAdapter} of {@link GreenWebSocketHandler}s, as WebFlux's own
 * {@code WebSocketHandlerAdapter} is of reactive {@code WebSocketHandler}s: the
 * {@code DispatcherHandler} hands it the green handlers that a {@code HandlerMapping} (a
 * {@code SimpleUrlHandlerMapping}, typically) maps a request to. It admits the session
 * under {@code green.websocket.max-sessions} (beyond it the request is answered 503 with
 * {@code Retry-After}, a {@link GreenHandlerRejectedException}, and no handshake is
 * made), has the {@link WebSocketService} upgrade the request (WebFlux's own, so its
 * handshake checks, sub-protocols and session attributes apply), and starts the session's
 * green thread on the hub of the event loop that owns the connection, with the request's
 * context (MDC, security context, observation, as for a green request, by
 * {@code green.handler.context-propagation}).
 *
 * <p>
 * Sessions are not bounded by {@code green.handler.timeout} nor counted in
 * {@code green.handler.max-in-flight}: a session lives as long as its handler and its
 * peer want. The counters are written by the event loops and green threads of the
 * sessions, and read by metrics and tests.
 */
public class GreenWebSocketHandlerAdapter implements HandlerAdapter, Ordered {

	private final WebSocketService webSocketService;

	private final GreenRequestDispatcher dispatcher;

	private final GreenHubGroup hubs;

	private final int maxSessions;

	private final Duration closeTimeout;

	private final Duration retryAfter;

	private final AtomicInteger active = new AtomicInteger();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder received = new LongAdder();

	private final LongAdder sent = new LongAdder();

	/**
	 * Creates the adapter.
	 * @param webSocketService what performs the handshake, such as WebFlux's
	 * {@code HandshakeWebSocketService}
	 * @param dispatcher the dispatcher of green requests, whose context propagation
	 * sessions share
	 * @param hubs the hub group, for a session started off the hubs' loops
	 * @param maxSessions the most sessions open at once
	 * @param closeTimeout how long a closing session's close frame may take to be written
	 * before its connection is closed without it
	 * @param retryAfter the {@code Retry-After} of a refused upgrade
	 */
	public GreenWebSocketHandlerAdapter(WebSocketService webSocketService, GreenRequestDispatcher dispatcher,
			GreenHubGroup hubs, int maxSessions, Duration closeTimeout, Duration retryAfter) {
		this.webSocketService = webSocketService;
		this.dispatcher = dispatcher;
		this.hubs = hubs;
		this.maxSessions = maxSessions;
		this.closeTimeout = closeTimeout;
		this.retryAfter = retryAfter;
	}

	/**
	 * Next to WebFlux's {@code WebSocketHandlerAdapter}; the two support different
	 * handlers.
	 */
	@Override
	public int getOrder() {
		return 2;
	}

	@Override
	public boolean supports(Object handler) {
		return handler instanceof GreenWebSocketHandler;
	}

	/**
	 * Admits, upgrades and starts the session, as described above; on the event loop that
	 * read the upgrade request.
	 */
	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		if (!admit()) {
			return Mono.error(new GreenHandlerRejectedException("Too many WebSocket sessions",
					"Green WebSocket sessions are at their limit of " + this.maxSessions
							+ " (green.websocket.max-sessions)",
					this.retryAfter));
		}
		GreenSessionRun session;
		try {
			session = new GreenSessionRun(this, (GreenWebSocketHandler) handler, channel(exchange));
		}
		catch (RuntimeException ex) {
			release();
			return Mono.error(ex);
		}
		// the request is read to its end first: Reactor Netty stops the request's read
		// and request
		// timeouts only then, and would otherwise apply them to the WebSocket connection
		return exchange.getRequest()
			.getBody()
			.doOnNext(DataBufferUtils::release)
			.then(Mono.defer(() -> this.webSocketService.handleRequest(exchange, session)))
			.doFinally((signal) -> session.abandonIfNotStarted())
			.then(Mono.empty());
	}

	private static Channel channel(ServerWebExchange exchange) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(request instanceof NettyInbound inbound)) {
			throw new IllegalStateException(
					"Green WebSocket sessions need Reactor Netty's server, not " + request.getClass().getName());
		}
		AtomicReference<Channel> channel = new AtomicReference<>();
		inbound.withConnection((connection) -> channel.set(connection.channel()));
		return Objects.requireNonNull(channel.get(), "The upgrade request's channel");
	}

	private boolean admit() {
		if (this.active.incrementAndGet() > this.maxSessions) {
			this.active.decrementAndGet();
			this.rejected.increment();
			return false;
		}
		return true;
	}

	void release() {
		this.active.decrementAndGet();
	}

	void countReceived() {
		this.received.increment();
	}

	void countSent() {
		this.sent.increment();
	}

	Supplier<Runnable> captureContext(ContextView context) {
		return this.dispatcher.captureContext(context);
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
	 * Returns the {@code WebSocketService} that performs the handshakes.
	 * @return the service
	 */
	public WebSocketService getWebSocketService() {
		return this.webSocketService;
	}

	/**
	 * Returns how many sessions are open: admitted, and not yet ended.
	 * @return the sessions
	 */
	public int activeSessions() {
		return this.active.get();
	}

	/**
	 * Returns how many upgrades were refused because {@code max-sessions} sessions were
	 * open.
	 * @return the count
	 */
	public long rejectedCount() {
		return this.rejected.sum();
	}

	/**
	 * Returns how many messages the sessions' handlers have received.
	 * @return the count
	 */
	public long receivedCount() {
		return this.received.sum();
	}

	/**
	 * Returns how many messages the sessions' handlers have sent.
	 * @return the count
	 */
	public long sentCount() {
		return this.sent.sum();
	}

	/**
	 * Returns the most sessions open at once.
	 * @return the limit
	 */
	public int getMaxSessions() {
		return this.maxSessions;
	}

	/**
	 * Returns how long a closing session's close frame may take to be written.
	 * @return the timeout
	 */
	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

}
