package io.greenhub.reliability;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * An efficient HTTP client for load: Reactor Netty over a bounded pool of kept-alive
 * connections, on event loops of its own.
 */
final class Load implements AutoCloseable {

	/** The status of a {@link Reply} to a request that failed without an answer. */
	static final int FAILED = -1;

	/** One answer, or a failure with status {@link #FAILED} and the exception as body. */
	record Reply(int status, HttpHeaders headers, String body, long nanos) {
	}

	private final ConnectionProvider pool;

	private final LoopResources loops;

	private final HttpClient client;

	Load(int port, int connections) {
		this.pool = ConnectionProvider.builder("reliability-load")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.build();
		this.loops = LoopResources.create("reliability-load", 2, true);
		this.client = HttpClient.create(this.pool)
			.runOn(this.loops)
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30));
	}

	HttpClient client() {
		return this.client;
	}

	/**
	 * Sends a GET and reads the whole answer.
	 */
	Mono<Reply> get(String path, Function<HttpHeaders, HttpHeaders> headers) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return this.client.headers((h) -> headers.apply(h))
				.get()
				.uri(path)
				.responseSingle((response, body) -> body.asString()
					.defaultIfEmpty("")
					.map((text) -> new Reply(response.status().code(), response.responseHeaders(), text,
							System.nanoTime() - start)))
				.onErrorResume((ex) -> Mono
					.just(new Reply(FAILED, EmptyHttpHeaders.INSTANCE, ex.toString(), System.nanoTime() - start)));
		});
	}

	/**
	 * Runs the requests with at most {@code concurrency} in flight and waits for all, at
	 * most the bound; each request counts its own outcome.
	 */
	void run(int requests, int concurrency, Duration bound, IntFunction<Mono<?>> request) {
		Flux.range(0, requests).flatMap(request::apply, concurrency).then().block(bound);
	}

	@Override
	public void close() {
		this.pool.disposeLater().block(Duration.ofSeconds(10));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
	}

}
