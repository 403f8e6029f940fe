package io.greenhub.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.greenhub.GreenHubGroup;
import io.greenhub.internal.Hubs;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;

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

	private final ServerConnections connections;

	private final DisposableServer server;

	private GreenServer(Builder builder) {
		this.connections = new ServerConnections(Objects.requireNonNull(builder.handler, "handler"),
				builder.idleTimeout, builder.maxConnections);
		this.server = this.connections.bind(builder.hubs, builder.address, builder.tls);
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
		return this.connections.active();
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
		this.connections.refuseNew();
		this.server.disposeNow(Duration.ofSeconds(10));
		return this.connections.drain(gracePeriod);
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
