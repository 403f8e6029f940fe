package io.greenhub.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import io.greenhub.Green;
import io.greenhub.internal.Blocking;
import io.greenhub.internal.Hubs;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.tcp.TcpClient;

/**
 * Opens TCP connections from green threads: eventlet's {@code GreenClientCreator}.
 *
 * <p>
 * The connection runs on the event loop of the calling green thread's hub (elsewhere, on
 * the next hub of the default group), so its I/O and the green thread share a carrier in
 * loop mode. Connecting parks a green thread and blocks a platform thread; on an event
 * loop it throws {@link IllegalStateException}.
 */
public final class GreenClient {

	private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private GreenClient() {
	}

	/**
	 * Connects to the host and port, in plain text, waiting at most 10 seconds.
	 * @param host the host
	 * @param port the port
	 * @return the connection
	 * @throws java.net.ConnectException if the peer refused or the time ran out
	 * @throws IOException if connecting failed otherwise
	 */
	public static GreenTransport connect(String host, int port) throws IOException {
		return connect(host, port, DEFAULT_CONNECT_TIMEOUT, null);
	}

	/**
	 * Connects to the host and port, with TLS if a context is given.
	 * @param host the host
	 * @param port the port
	 * @param connectTimeout how long connecting may take
	 * @param tls the client TLS context, or {@code null} for plain text
	 * @return the connection, its TLS handshake done
	 * @throws java.net.ConnectException if the peer refused or the time ran out
	 * @throws javax.net.ssl.SSLException if the TLS handshake failed
	 * @throws IOException if connecting failed otherwise
	 */
	public static GreenTransport connect(String host, int port, Duration connectTimeout, @Nullable SslContext tls)
			throws IOException {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Blocking.checkMayBlock("GreenClient.connect");
		TcpClient client = TcpClient.newConnection()
			.host(host)
			.port(port)
			.runOn(Hubs.forSpawn().eventLoop())
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
		if (tls != null) {
			client = client.secure((spec) -> spec.sslContext(tls));
		}
		GreenTransport transport;
		try {
			// built on the event loop as the connection is emitted, before anything is
			// read
			transport = Green.blockOn(client.connect().map(GreenTransport::new));
		}
		catch (RuntimeException ex) {
			throw IoFailures.unwrap(ex, host + ":" + port);
		}
		if (transport == null) {
			throw new IOException("Connection to " + host + ":" + port + " ended before it was usable");
		}
		return transport;
	}

}
