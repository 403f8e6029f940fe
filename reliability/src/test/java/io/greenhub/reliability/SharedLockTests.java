package io.greenhub.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logging appender whose locks ({@code synchronized} and a {@code ReentrantLock}, held
 * across a park) are taken at once by green handlers and by event-loop callbacks on the
 * same carriers: under load, in loop mode, everything completes within its bound.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class SharedLockTests {

	private static final int REQUESTS = 2_000;

	private static final int LINES = 5;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private GreenHubGroup hubs;

	@Test
	void greenHandlersAndLoopCallbacksSharingAnAppendersLocksNeverDeadlock() {
		Leftovers start = Leftovers.of(this.context);
		long greenBefore = SharedLockAppender.greenAppends.get();
		long otherBefore = SharedLockAppender.otherAppends.get();
		AtomicLong loopTicks = new AtomicLong();
		List<ScheduledFuture<?>> ticks = this.hubs.hubs()
			.stream()
			.<ScheduledFuture<?>>map((hub) -> hub.eventLoop().scheduleAtFixedRate(() -> {
				ReliabilityController.shared.info("loop tick on {}", hub.name());
				loopTicks.incrementAndGet();
			}, 1, 1, TimeUnit.MILLISECONDS))
			.toList();
		AtomicLong ok = new AtomicLong();
		long began = System.nanoTime();
		try (Load load = new Load(this.port, 64)) {
			// bounded: a deadlock fails here instead of hanging the build
			load.run(REQUESTS, 64, Duration.ofSeconds(90),
					(i) -> load.get("/log/" + LINES, (h) -> h).doOnNext((reply) -> {
						if (reply.status() == 200 && reply.body().equals("logged " + LINES)) {
							ok.incrementAndGet();
						}
					}));
		}
		finally {
			ticks.forEach((tick) -> tick.cancel(false));
		}
		long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
		Leftovers end = start.awaitBack(this.context);
		long green = SharedLockAppender.greenAppends.get() - greenBefore;
		long other = SharedLockAppender.otherAppends.get() - otherBefore;
		assertThat(ok).hasValue(REQUESTS);
		assertThat(green).as("lines appended by green handlers").isEqualTo((long) REQUESTS * LINES);
		assertThat(loopTicks.get()).as("lines appended by loop callbacks").isPositive();
		assertThat(other).as("lines appended by other threads").isGreaterThanOrEqualTo(loopTicks.get());
		Figures.record("shared-lock", REQUESTS + " requests x " + LINES + " log lines from green handlers, 64 at once, "
				+ "plus a log line every 1 ms from each hub's loop, through one appender holding a ReentrantLock "
				+ "(inside logback's synchronized doAppend) across a Thread.yield(): all " + ok.get()
				+ " answered 200 in " + elapsedMillis + " ms; green appends " + green + ", loop appends "
				+ loopTicks.get() + "; left over: " + end);
	}

}
