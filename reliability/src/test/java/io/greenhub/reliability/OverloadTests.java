package io.greenhub.reliability;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offered load far beyond {@code green.handler.max-in-flight}: the excess is answered 503
 * with Retry-After, every accepted request completes, the heap stays bounded, and the
 * application serves again at once when the load drops.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.handler.max-in-flight=16", "green.handler.retry-after=2s" })
class OverloadTests {

	private static final int REQUESTS = 20_000;

	/** Requests in flight from the clients: 16 times the limit. */
	private static final int CONCURRENCY = 256;

	/** How much the heap after a full collection may grow under the load. */
	private static final long HEAP_GROWTH_BOUND_MIB = 64;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Probes probes;

	@Test
	void theExcessIsRefusedWith503AndEveryAcceptedRequestCompletes() {
		Leftovers start = Leftovers.of(this.context);
		long heapBefore = Figures.usedHeapAfterGcMiB();
		LongAccumulator heapPeak = new LongAccumulator(Math::max, heapBefore);
		long slowBefore = this.probes.slowStarted.get();
		Latencies accepted = new Latencies();
		Latencies refused = new Latencies();
		AtomicLong wrong = new AtomicLong();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleWithFixedDelay(() -> heapPeak.accumulate(Figures.usedHeapAfterGcMiB()), 1, 1, TimeUnit.SECONDS);
		try (Load load = new Load(this.port, CONCURRENCY)) {
			// open the clients' connections first, so that connection set-up is not timed
			load.run(CONCURRENCY * 4, CONCURRENCY, Duration.ofMinutes(1), (i) -> load.get("/hello", (h) -> h));
			long began = System.nanoTime();
			load.run(REQUESTS, CONCURRENCY, Duration.ofMinutes(2),
					(i) -> load.get("/slow/20", (h) -> h).doOnNext((reply) -> {
						if (reply.status() == 200 && reply.body().startsWith("slept 20")) {
							accepted.add(reply.nanos());
						}
						else if (reply.status() == 503 && "2".equals(reply.headers().get("Retry-After"))
								&& reply.body().contains("\"title\":\"Too many requests in flight\"")) {
							refused.add(reply.nanos());
						}
						else {
							wrong.incrementAndGet();
						}
					}));
			long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
			sampler.shutdown();
			heapPeak.accumulate(Figures.usedHeapAfterGcMiB());
			// the load drops: the very next requests are served
			Latencies recovered = new Latencies();
			load.run(100, 1, Duration.ofSeconds(60), (i) -> load.get("/slow/1", (h) -> h).doOnNext((reply) -> {
				if (reply.status() == 200) {
					recovered.add(reply.nanos());
				}
			}));
			Leftovers end = start.awaitBack(this.context);
			assertThat(wrong).as("answers neither 200 nor a 503 with Retry-After and a problem detail").hasValue(0);
			assertThat(accepted.count() + refused.count()).isEqualTo(REQUESTS);
			assertThat(refused.count()).as("refused").isPositive();
			assertThat(this.probes.slowStarted.get() - slowBefore).as("handlers started")
				.isEqualTo(accepted.count() + recovered.count());
			assertThat(recovered.count()).as("served right after the load").isEqualTo(100);
			assertThat(heapPeak.get() - heapBefore).as("heap growth after GC, MiB").isLessThan(HEAP_GROWTH_BOUND_MIB);
			Figures.record("overload",
					REQUESTS + " GET /slow/20 with " + CONCURRENCY + " in flight against max-in-flight 16, in "
							+ elapsedMillis + " ms: 200 x " + accepted.count() + " (" + accepted + "), 503 x "
							+ refused.count() + " (" + refused + "), other " + wrong.get() + "; heap after GC "
							+ heapBefore + " MiB before, peak " + heapPeak.get() + " MiB (bound +"
							+ HEAP_GROWTH_BOUND_MIB + " MiB); next 100 requests one at a time: 200 x "
							+ recovered.count() + " (" + recovered + "); left over: " + end);
		}
		finally {
			sampler.shutdownNow();
		}
	}

}
