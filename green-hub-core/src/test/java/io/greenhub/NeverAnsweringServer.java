package io.greenhub;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * A downstream for tests that accepts connections, reads what it is sent, and never
 * answers; it counts the connections it accepted and those closed since.
 */
final class NeverAnsweringServer implements AutoCloseable {

	// Counted on the server's event loop; read by the test.
	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final DisposableServer server;

	NeverAnsweringServer() {
		this.server = TcpServer.create().host("127.0.0.1").port(0).doOnConnection((connection) -> {
			this.accepted.incrementAndGet();
			connection.onDispose(this.closed::incrementAndGet);
		}).handle((in, out) -> in.receive().then(Mono.never())).bindNow(TestHubs.WAIT);
	}

	int port() {
		return this.server.port();
	}

	int accepted() {
		return this.accepted.get();
	}

	int closed() {
		return this.closed.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(TestHubs.WAIT);
	}

}
