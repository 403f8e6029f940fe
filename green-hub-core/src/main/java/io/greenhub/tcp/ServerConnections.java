package io.greenhub.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.internal.Drain;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The connections of a {@link GreenServer}, from their accept to their end: the limit and
 * idle timeout applied as each is accepted, the green thread that serves each, and the
 * drain of those left when the server closes. Connections are accepted on the event loops
 * of the server's hubs; the close is called by the thread that closes the server.
 */
final class ServerConnections {

	private static final Logger logger = LoggerFactory.getLogger(GreenServer.class);

	private final GreenConnectionHandler handler;

	private final @Nullable Duration idleTimeout;

	private final int maxConnections;

	// Added to by the event loops as connections come, removed from by each handler as it
	// ends.
	private final Map<GreenThread<?>, GreenTransport> handlers = new ConcurrentHashMap<>();

	// Set by the thread that closes the server; read by the event loops accepting
	// connections.
	private volatile boolean closing;

	// Reserved by the event loop that accepts a connection, given back as its handler
	// ends: the count that max-connections limits, exact across event loops.
	private final AtomicInteger connections = new AtomicInteger();

	ServerConnections(GreenConnectionHandler handler, @Nullable Duration idleTimeout, int maxConnections) {
		this.handler = handler;
		this.idleTimeout = idleTimeout;
		this.maxConnections = maxConnections;
	}

	/**
	 * Binds a Reactor Netty server on the hubs' event loops whose connections are these.
	 * Blocks the calling thread until it listens.
	 */
	DisposableServer bind(GreenHubGroup hubs, InetSocketAddress address, @Nullable SslContext tls) {
		TcpServer server = TcpServer.create()
			.bindAddress(() -> address)
			.runOn(hubs)
			// a handler may answer after its peer has closed its output
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			// on the event loop as each connection starts: epoll must keep what is
			// written after a half-close
			.doOnConnection((connection) -> EpollHalfClosure.keepRegistered(connection.channel()))
			.handle((in, out) -> {
				Connection[] accepted = new Connection[1];
				in.withConnection((connection) -> accepted[0] = connection);
				return accept(accepted[0]);
			});
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(tls));
		}
		return server.bindNow();
	}

	/** Accepts a connection, or closes it at once; on the event loop that accepted it. */
	private Mono<Void> accept(Connection connection) {
		if (this.closing) {
			connection.dispose();
			return Mono.empty();
		}
		if (this.connections.incrementAndGet() > this.maxConnections) {
			this.connections.decrementAndGet();
			logger.debug("Refusing {}: {} connections are served already", connection.channel(), this.maxConnections);
			connection.dispose();
			return Mono.empty();
		}
		Duration idle = this.idleTimeout;
		if (idle != null) {
			connection.onReadIdle(idle.toMillis(), connection::dispose);
		}
		GreenTransport transport;
		try {
			transport = new GreenTransport(connection);
		}
		catch (RuntimeException ex) {
			this.connections.decrementAndGet();
			connection.dispose();
			throw ex;
		}
		return serve(transport);
	}

	private Mono<Void> serve(GreenTransport transport) {
		GreenThread<@Nullable Void> thread;
		try {
			thread = Green.spawn(() -> {
				try {
					this.handler.handle(transport);
				}
				catch (GreenKilledException ex) {
					// closed by the server
				}
				catch (Exception ex) {
					logger.warn("Connection handler failed on {}", transport, ex);
				}
				finally {
					transport.close();
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			this.connections.decrementAndGet();
			transport.close();
			throw ex;
		}
		this.handlers.put(thread, transport);
		thread.link((ended) -> {
			this.handlers.remove(ended);
			this.connections.decrementAndGet();
		});
		// a connection that ends (the peer reset it, say) is not a kill: the handler's
		// next read or write reports it, as an end of stream or an IOException, and the
		// handler ends by itself
		return thread.toMono().then();
	}

	/** Returns how many connections are being served now. */
	int active() {
		return this.handlers.size();
	}

	/** Refuses every connection accepted from now on: the server closes. */
	void refuseNew() {
		this.closing = true;
	}

	/**
	 * Lets the running handlers go on for the grace period, then kills those left, waits
	 * for them to unwind, and closes the connections of any that have not. Returns how
	 * many were killed.
	 */
	int drain(Duration gracePeriod) {
		try {
			return Drain.drainThenKill(this.handlers::keySet, gracePeriod).size();
		}
		finally {
			// those that did not unwind in time lose their connections under them
			this.handlers.forEach((thread, transport) -> transport.connection().dispose());
		}
	}

}
