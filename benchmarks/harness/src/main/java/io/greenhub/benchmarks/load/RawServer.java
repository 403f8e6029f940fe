package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.List;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * B0, the ceiling: the benchmark's four endpoints on a bare Reactor Netty
 * {@link HttpServer}, with a Reactor Netty {@link HttpClient} for downstream calls. No
 * Spring.
 */
public final class RawServer {

	private RawServer() {
	}

	/**
	 * Starts the server.
	 * @param port the port, 0 for any free one
	 * @param downstreamUrl the downstream server's base URL
	 * @return the bound server
	 */
	public static DisposableServer start(int port, String downstreamUrl) {
		HttpClient downstream = HttpClient.create().baseUrl(downstreamUrl);
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes
				.get("/hello", (request, response) -> response.sendString(Mono.just("Hello, world!")))
				.get("/call",
						(request, response) -> response.sendString(delay(downstream, longParameter(request, "ms"))))
				.get("/fanout", (request, response) -> {
					long ms = longParameter(request, "ms");
					return response
						.sendString(Mono.zip(delay(downstream, ms), delay(downstream, ms), delay(downstream, ms))
							.map((all) -> all.getT1() + all.getT2() + all.getT3()));
				})
				.get("/work",
						(request, response) -> response
							.sendString(Mono.fromSupplier(() -> "worked " + burn(longParameter(request, "burnMs"))))))
			.bindNow(Duration.ofSeconds(10));
	}

	private static Mono<String> delay(HttpClient downstream, long ms) {
		return downstream.get().uri("/delay?ms=" + ms).responseContent().aggregate().asString();
	}

	/**
	 * Spins on {@link System#nanoTime()} for the given time: CPU work that never parks.
	 * @param millis how long to spin
	 * @return a value that depends on the spin, so that the JIT keeps it
	 */
	static long burn(long millis) {
		long end = System.nanoTime() + millis * 1_000_000L;
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

	/**
	 * The value of a numeric query parameter.
	 * @param request the request
	 * @param name the parameter's name
	 * @return its value
	 * @throws IllegalArgumentException if it is missing or not a number
	 */
	static long longParameter(HttpServerRequest request, String name) {
		List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("Query parameter '" + name + "' is missing in: " + request.uri());
		}
		return Long.parseLong(values.get(0));
	}

	/**
	 * Runs B0 until the process is killed.
	 * @param args the port and the downstream server's base URL
	 */
	public static void main(String[] args) {
		start(Integer.parseInt(args[0]), args[1]).onDispose().block();
	}

}
