package io.greenhub.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak, run only with {@code -Psoak} (never in the normal build): a short ramp finds
 * the highest throughput of {@code GET /secure/whoami}, then the application runs at 70%
 * of it for {@code -Dsoak.duration} (10 minutes by default); the heap after a full
 * collection is sampled every 30 seconds and must stay flat, no request may fail, and no
 * green thread may be left.
 */
class SoakTests {

	private static final Duration DURATION = Duration.parse(System.getProperty("soak.duration", "PT10M"));

	private static final Duration RAMP_STEP = Duration.ofSeconds(10);

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);

	/**
	 * How much the heap after GC may grow from the first third of the soak to the last.
	 */
	private static final long HEAP_DRIFT_BOUND_MIB = 16;

	@Test
	void seventyPercentOfTheHighestThroughputForTenMinutesLeavesNothingBehind() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReliabilityApplication.class)
			.properties("server.port=0", "green.hub.name=soak")
			.run(); Load load = new Load(((WebServerApplicationContext) app).getWebServer().getPort(), 256)) {
			AtomicLong errors = new AtomicLong();
			AtomicLong served = new AtomicLong();
			double highest = 0;
			StringBuilder ramp = new StringBuilder();
			for (int concurrency : new int[] { 16, 32, 64, 128, 256 }) {
				long before = served.get();
				long began = System.nanoTime();
				Flux.range(0, Integer.MAX_VALUE)
					.take(RAMP_STEP)
					.flatMap((i) -> whoami(load, i, served, errors), concurrency)
					.blockLast(RAMP_STEP.plusMinutes(1));
				double rate = (served.get() - before) * 1e9 / (System.nanoTime() - began);
				ramp.append(concurrency).append(" in flight: ").append(Math.round(rate)).append("/s; ");
				highest = Math.max(highest, rate);
			}
			long target = Math.round(highest * 0.7);
			List<Long> heap = new ArrayList<>();
			heap.add(Figures.usedHeapAfterGcMiB());
			long servedBefore = served.get();
			long errorsBefore = errors.get();
			long began = System.nanoTime();
			// 70% of the highest rate, paced in batches every 10 ms
			long perTick = Math.max(1, target / 100);
			Flux.interval(Duration.ofMillis(10))
				.take(DURATION)
				.onBackpressureDrop()
				.concatMapIterable((tick) -> java.util.stream.LongStream.range(0, perTick).boxed().toList())
				.flatMap((i) -> whoami(load, i.intValue(), served, errors), 1024)
				.doOnNext((ignored) -> {
					if (System.nanoTime() - began > heap.size() * SAMPLE_EVERY.toNanos()) {
						synchronized (heap) {
							heap.add(Figures.usedHeapAfterGcMiB());
						}
					}
				})
				.blockLast(DURATION.plusMinutes(2));
			long seconds = Math.max(1, (System.nanoTime() - began) / 1_000_000_000);
			GreenHubGroup hubs = app.getBean(GreenHubGroup.class);
			await("no green thread left").atMost(Duration.ofSeconds(30)).until(() -> hubs.alive() == 0);
			heap.add(Figures.usedHeapAfterGcMiB());
			int third = Math.max(1, heap.size() / 3);
			double early = heap.subList(1, 1 + third).stream().mapToLong(Long::longValue).average().orElse(0);
			double late = heap.subList(heap.size() - third, heap.size())
				.stream()
				.mapToLong(Long::longValue)
				.average()
				.orElse(0);
			long soaked = served.get() - servedBefore;
			Figures.record("soak", "ramp (" + RAMP_STEP.toSeconds() + " s each) " + ramp + "highest "
					+ Math.round(highest) + "/s; soak " + DURATION.toMinutes() + " min at " + target + "/s target: "
					+ soaked + " requests (" + (soaked / seconds) + "/s), errors " + (errors.get() - errorsBefore)
					+ "; heap after GC every " + SAMPLE_EVERY.toSeconds() + " s, MiB: " + heap + " (first third avg "
					+ Math.round(early) + ", last third avg " + Math.round(late) + ", bound +" + HEAP_DRIFT_BOUND_MIB
					+ "); alive green threads " + "at the end: " + hubs.alive());
			assertThat(errors).as("errors, ramp included").hasValue(0);
			assertThat(late - early).as("heap drift after GC, MiB").isLessThan(HEAP_DRIFT_BOUND_MIB);
		}
	}

	private static reactor.core.publisher.Mono<Load.Reply> whoami(Load load, int i, AtomicLong served,
			AtomicLong errors) {
		String user = "user" + Math.floorMod(i, ReliabilityApplication.USERS);
		String trace = "soak-" + i;
		return load
			.get("/secure/whoami",
					(h) -> h.set("Authorization", RequestIsolationTests.basic(user)).set("X-Trace", trace))
			.doOnNext((reply) -> {
				if (reply.status() == 200 && reply.body().equals(user + "|" + trace)) {
					served.incrementAndGet();
				}
				else {
					errors.incrementAndGet();
				}
			});
	}

}
