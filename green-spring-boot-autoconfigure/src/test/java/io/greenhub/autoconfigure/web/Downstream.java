package io.greenhub.autoconfigure.web;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real downstream HTTP server on loopback for green handlers to call:
 * {@code /delay/{ms}} answers {@code downstream <ms>} after that many milliseconds.
 */
final class Downstream {

	private static DisposableServer server;

	private Downstream() {
	}

	static synchronized int port() {
		if (server == null) {
			server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes.get("/delay/{ms}", (request, response) -> {
					long millis = Long.parseLong(request.param("ms"));
					return response
						.sendString(Mono.delay(Duration.ofMillis(millis)).map((tick) -> "downstream " + millis));
				}))
				.bindNow();
		}
		return server.port();
	}

}
