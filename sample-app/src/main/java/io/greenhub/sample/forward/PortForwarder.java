package io.greenhub.sample.forward;

import java.io.IOException;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.GreenTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The port forwarder, on {@code green.tcp.servers.forward}: each connection is joined to
 * a new connection to {@code sample.forward.host:port} (by default this application's own
 * HTTP port, the one it listens on: {@code local.server.port}), and bytes are copied both
 * ways. When one side ends its output, the forwarder ends its output to the other side (a
 * half-close), which may still answer; the connections close when both directions have
 * ended.
 */
@Component
@GreenTcpHandler("forward")
class PortForwarder implements GreenConnectionHandler {

	private static final Logger logger = LoggerFactory.getLogger(PortForwarder.class);

	private static final int CHUNK = 16 * 1024;

	private final ForwardProperties target;

	private final Environment environment;

	PortForwarder(ForwardProperties target, Environment environment) {
		this.target = target;
		this.environment = environment;
	}

	/**
	 * Forwards one connection: copies the client's bytes to the target on this green
	 * thread and the target's bytes back on a second one. Runs on the connection's green
	 * thread.
	 */
	@Override
	public void handle(GreenTransport client) throws IOException {
		int port = targetPort();
		GreenTransport upstream;
		try {
			upstream = GreenClient.connect(this.target.host(), port, this.target.connectTimeout(), null);
		}
		catch (IOException ex) {
			logger.warn("Cannot forward {} to {}:{}: {}", client.remoteAddress(), this.target.host(), port,
					ex.toString());
			return;
		}
		try (upstream) {
			GreenThread<?> back = Green.spawn(() -> copy(upstream, client));
			copy(client, upstream);
			back.join();
		}
	}

	/**
	 * Returns {@code sample.forward.port}, or else the port the HTTP server took: known
	 * once it has started, which is before the green TCP servers accept connections.
	 */
	private int targetPort() {
		Integer port = this.target.port();
		return (port != null) ? port : this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	/** Copies until the end of the source's stream, then ends the target's output. */
	private static Void copy(GreenTransport from, GreenTransport to) throws IOException {
		for (byte[] bytes = from.read(CHUNK); bytes.length > 0; bytes = from.read(CHUNK)) {
			to.write(bytes);
		}
		to.shutdownOutput();
		return null;
	}

}
