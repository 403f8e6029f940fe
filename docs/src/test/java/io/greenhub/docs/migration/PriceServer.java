package io.greenhub.docs.migration;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The downstream price service of the migration samples: a Reactor Netty server on a free
 * loopback port that answers each price after 20 ms.
 */
final class PriceServer {

	private PriceServer() {
	}

	static DisposableServer start() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/prices/{symbol}", (request, response) -> response
				.header("Content-Type", "application/json")
				.sendString(Mono.delay(Duration.ofMillis(20))
					.thenReturn("{\"symbol\":\"" + request.param("symbol") + "\",\"amount\":100.0}"))))
			.bindNow(Duration.ofSeconds(10));
	}

}
