package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The downstream service of every peer: {@code GET /delay?ms=N} answers {@code ok} after
 * N ms on a timer (no thread waits), and {@code GET /inflight} says how many delays are
 * pending. A delay whose connection closes is cancelled.
 */
public final class DownstreamServer {

	/**
	 * Pending delays: incremented on subscription and decremented on completion or
	 * cancellation, by the event loops; read by {@code /inflight}.
	 */
	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Starts the server on the given port of the loopback interface.
	 * @param port the port, 0 for any free one
	 * @return the bound server
	 */
	public DisposableServer start(int port) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/delay", (request, response) -> response.sendString(delay(request)))
				.get("/inflight",
						(request, response) -> response
							.sendString(Mono.fromSupplier(() -> Integer.toString(this.inFlight.get())))))
			.bindNow(Duration.ofSeconds(10));
	}

	private Mono<String> delay(HttpServerRequest request) {
		long millis = RawServer.longParameter(request, "ms");
		return Mono.delay(Duration.ofMillis(millis))
			.thenReturn("ok")
			.doOnSubscribe((subscription) -> this.inFlight.incrementAndGet())
			.doFinally((signal) -> this.inFlight.decrementAndGet());
	}

	/**
	 * Runs the server until the process is killed.
	 * @param args the port
	 */
	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		new DownstreamServer().start(port).onDispose().block();
	}

}
