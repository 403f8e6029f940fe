package io.greenhub.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.internal.Drain;
import io.greenhub.internal.Hubs;
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
 * A TCP server whose every connection is served by a {@link GreenConnectionHandler} on a
 * green thread of the hub whose event loop accepted it: a Twisted server factory spawning
 * a greenlet per connection.
 *
 * <pre>{@code
 * GreenServer echo = GreenServer.bind(hubs, new InetSocketAddress("127.0.0.1", 7000), (transport) -> {
 *     for (byte[] bytes = transport.read(4096); bytes.length > 0; bytes = transport.read(4096)) {
 *         transport.write(bytes);
 *     }
 * });
 * }</pre>
 *
 * <p>
 * {@link #close(Duration)} stops accepting, lets the running handlers go on for a grace
 * period, then kills those left. Binding and closing block the calling thread; call them
 * outside event loops.
 */
public final class GreenServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GreenServer.class);

	private final DisposableServer server;

	// Added to by the event loops as connections come, removed from by each handler as it
	// ends.
	private final Map<GreenThread<?>, GreenTransport> handlers = new ConcurrentHashMap<>();

	// Set by the thread that closes the server; read by the event loops accepting
	// connections.
	private volatile boolean closing;

	// Reserved by the event loop that accepts a connection, given back as its handler
	// ends: the
	// count that max-connections limits, exact across event loops.
	private final AtomicInteger connections = new AtomicInteger();

	private final @Nullable Duration idleTimeout;

	private final int maxConnections;

	private GreenServer(Builder builder) {
		this.idleTimeout = builder.idleTimeout;
		this.maxConnections = builder.maxConnections;
		GreenConnectionHandler handler = Objects.requireNonNull(builder.handler, "handler");
		InetSocketAddress address = builder.address;
		TcpServer server = TcpServer.create()
			.bindAddress(() -> address)
			.runOn(builder.hubs)
			// a handler may answer after its peer has closed its output
			.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			// on the event loop as each connection starts: epoll must keep what is
			// written after a half-close
			.doOnConnection((connection) -> EpollHalfClosure.keepRegistered(connection.channel()))
			.handle((in, out) -> {
				Connection[] accepted = new Connection[1];
				in.withConnection((connection) -> accepted[0] = connection);
				return accept(accepted[0], handler);
			});
		SslContext tls = builder.tls;
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(tls));
		}
		this.server = server.bindNow();
	}

	/**
	 * Binds a server on the hubs of the default group (the first one opened and not
	 * closed).
	 * @param address the address to listen on; port 0 picks a free one
	 * @param handler the handler of each connection
	 * @return the server, listening
	 * @throws IllegalStateException if no hub group is open
	 */
	public static GreenServer bind(InetSocketAddress address, GreenConnectionHandler handler) {
		GreenHubGroup hubs = Hubs.defaultGroup();
		if (hubs == null) {
			throw new IllegalStateException(
					"No hub group is open to serve " + address + ": build a GreenHubGroup first");
		}
		return bind(hubs, address, handler);
	}

	/**
	 * Binds a server on the hubs of the group.
	 * @param hubs the hub group whose event loops accept and serve connections
	 * @param address the address to listen on; port 0 picks a free one
	 * @param handler the handler of each connection
	 * @return the server, listening
	 */
	public static GreenServer bind(GreenHubGroup hubs, InetSocketAddress address, GreenConnectionHandler handler) {
		return builder(hubs).address(address).handler(handler).bind();
	}

	/**
	 * Returns a builder of a server on the hubs of the group, for TLS, a connection limit
	 * or an idle timeout.
	 * @param hubs the hub group whose event loops accept and serve connections
	 * @return the builder
	 */
	public static Builder builder(GreenHubGroup hubs) {
		return new Builder(Objects.requireNonNull(hubs, "hubs"));
	}

	private Mono<Void> accept(Connection connection, GreenConnectionHandler handler) {
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
		return serve(transport, handler);
	}

	private Mono<Void> serve(GreenTransport transport, GreenConnectionHandler handler) {
		GreenThread<@Nullable Void> thread;
		try {
			thread = Green.spawn(() -> {
				try {
					handler.handle(transport);
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
		// next read or
		// write reports it, as an end of stream or an IOException, and the handler ends
		// by itself
		return thread.toMono().then();
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Returns the address the server listens on.
	 * @return the address
	 */
	public InetSocketAddress address() {
		return (InetSocketAddress) this.server.address();
	}

	/**
	 * Returns how many connections are being served now.
	 * @return the number of running handlers
	 */
	public int activeConnections() {
		return this.handlers.size();
	}

	/**
	 * Closes with a grace period of 10 seconds.
	 */
	@Override
	public void close() {
		close(Duration.ofSeconds(10));
	}

	/**
	 * Stops accepting connections, lets the running handlers go on for the grace period,
	 * then kills those left, waits up to 5 seconds for them to unwind, and closes the
	 * connections of any that have not.
	 * @param gracePeriod how long running handlers may go on
	 * @return how many handlers were killed
	 */
	public int close(Duration gracePeriod) {
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		this.closing = true;
		this.server.disposeNow(Duration.ofSeconds(10));
		try {
			return Drain.drainThenKill(this.handlers::keySet, gracePeriod).size();
		}
		finally {
			// those that did not unwind in time lose their connections under them
			this.handlers.forEach((thread, transport) -> transport.connection().dispose());
		}
	}

	/**
	 * Builds a {@link GreenServer}.
	 */
	public static final class Builder {

		private final GreenHubGroup hubs;

		private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);

		private @Nullable SslContext tls;

		private int maxConnections = Integer.MAX_VALUE;

		private @Nullable Duration idleTimeout;

		private @Nullable GreenConnectionHandler handler;

		private Builder(GreenHubGroup hubs) {
			this.hubs = hubs;
		}

		/**
		 * Sets the address to listen on; port 0 picks a free one. Loopback on a free port
		 * by default.
		 * @param address the address
		 * @return this builder
		 */
		public Builder address(InetSocketAddress address) {
			this.address = Objects.requireNonNull(address, "address");
			return this;
		}

		/**
		 * Serves TLS with the given server context.
		 * @param tls the server TLS context
		 * @return this builder
		 */
		public Builder tls(SslContext tls) {
			this.tls = Objects.requireNonNull(tls, "tls");
			return this;
		}

		/**
		 * Sets how many connections are served at once; one more is closed as soon as it
		 * is accepted.
		 * @param maxConnections the limit
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 1) {
				throw new IllegalArgumentException(
						"Server maximum connections must be positive, was: " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Closes a connection from which nothing has been read for this long.
		 * @param idleTimeout the idle timeout
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			Objects.requireNonNull(idleTimeout, "idleTimeout");
			if (idleTimeout.isNegative() || idleTimeout.isZero()) {
				throw new IllegalArgumentException("Server idle timeout must be positive, was: " + idleTimeout);
			}
			this.idleTimeout = idleTimeout;
			return this;
		}

		/**
		 * Sets the handler of each connection.
		 * @param handler the handler
		 * @return this builder
		 */
		public Builder handler(GreenConnectionHandler handler) {
			this.handler = Objects.requireNonNull(handler, "handler");
			return this;
		}

		/**
		 * Binds the server. Blocks the calling thread until it listens.
		 * @return the server
		 */
		public GreenServer bind() {
			return new GreenServer(this);
		}

	}

}
