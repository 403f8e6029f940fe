package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The open-model load generator: requests leave at a fixed rate whatever the server does,
 * and each latency is measured from the request's <em>intended</em> send time, so a
 * server that stalls is charged for every request that should have been sent meanwhile
 * (no coordinated omission). The requests share a fixed set of keep-alive connections,
 * all opened before measuring and leased in FIFO order so that each of them carries
 * traffic.
 */
final class OpenLoad implements AutoCloseable {

	private final ConnectionProvider connections;

	private final LoopResources loops;

	private final HttpClient client;

	private final Duration timeout;

	/**
	 * Opens the connections.
	 * @param baseUrl the server's base URL
	 * @param connections how many connections to open and use
	 * @param openPath what the requests that open the connections ask for: something slow
	 * enough that all of them are in flight at once
	 * @param timeout the longest a request may take before it counts as an error
	 */
	OpenLoad(String baseUrl, int connections, String openPath, Duration timeout) {
		this.timeout = timeout;
		this.connections = ConnectionProvider.builder("open-load")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(timeout)
			.maxIdleTime(Duration.ofMinutes(10))
			.fifo()
			.build();
		this.loops = LoopResources.create("open-load", 2, true);
		this.client = HttpClient.create(this.connections).runOn(this.loops).baseUrl(baseUrl).responseTimeout(timeout);
		Long opened = Flux.range(0, connections)
			.flatMap((i) -> status(openPath).onErrorReturn(0), connections)
			.count()
			.block(timeout.plusSeconds(30));
		if (opened == null || opened != connections) {
			throw new IllegalStateException("Opened " + opened + " of " + connections + " connections to " + baseUrl);
		}
	}

	/**
	 * Sends requests at the given rate for the given time, then waits for the last
	 * answers at most the request timeout; a request still unanswered then counts as an
	 * error.
	 * @param plan the requests
	 * @param rate requests per second
	 * @param duration how long to send
	 * @return what it measured
	 */
	Result run(Plan plan, double rate, Duration duration) {
		Recorder recorder = new Recorder(3);
		// Written by the loops' callbacks, read by this thread at the end.
		AtomicLong ok = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong pending = new AtomicLong();
		long interval = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
		long end = start + duration.toNanos();
		long sent = 0;
		for (long intended = start; intended < end; intended += interval, sent++) {
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(Math.min(intended - now, 200_000));
			}
			long i = sent;
			long sentAt = intended;
			pending.incrementAndGet();
			status(plan.path(i)).subscribe((code) -> {
				if (code == 200) {
					ok.incrementAndGet();
					if (plan.measured(i)) {
						recorder.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
					}
				}
				else {
					errors.incrementAndGet();
				}
				pending.decrementAndGet();
			}, (error) -> {
				errors.incrementAndGet();
				pending.decrementAndGet();
			});
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long deadline = System.nanoTime() + this.timeout.plusSeconds(1).toNanos();
		while (pending.get() > 0 && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		return new Result(sent, ok.get(), errors.get() + pending.get(), recorder.getIntervalHistogram(), seconds);
	}

	/**
	 * Sends requests that are not waited for: the density scenario's parked handlers.
	 * @param path the path
	 * @param count how many
	 */
	void fire(String path, int count) {
		for (int i = 0; i < count; i++) {
			status(path).subscribe((code) -> {
			}, (error) -> {
			});
		}
	}

	private Mono<Integer> status(String path) {
		return this.client.get()
			.uri(path)
			.responseSingle(
					(response, body) -> body.asString().defaultIfEmpty("").map((ignored) -> response.status().code()));
	}

	@Override
	public void close() {
		this.connections.disposeLater().block(Duration.ofSeconds(10));
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
	}

	/**
	 * Which path request number {@code i} asks for, and whether its latency goes into the
	 * histogram.
	 */
	interface Plan {

		String path(long i);

		boolean measured(long i);

	}

	/** What a run measured; latencies in microseconds. */
	record Result(long sent, long ok, long errors, Histogram latencies, double seconds) {

		double percentileMillis(double percentile) {
			return this.latencies.getValueAtPercentile(percentile) / 1000.0;
		}

	}

}
