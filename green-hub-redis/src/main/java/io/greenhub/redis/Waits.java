package io.greenhub.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import reactor.core.publisher.Mono;

/**
 * How the Redis primitives' callers wait between two looks at Redis: for a wake-up
 * ({@link Signal}), a recheck time or their own time, whichever comes first. Stateless.
 */
final class Waits {

	private Waits() {
	}

	/**
	 * Waits until the signal fires or the time is up, whichever comes first: parks a
	 * green thread. Killing the waiting thread stops the wait and leaves the signal as it
	 * is.
	 */
	static void waitFor(CompletableFuture<?> signal, long nanos) {
		if (signal.isDone() || nanos <= 0) {
			return;
		}
		Green.blockOn(Mono.fromFuture(signal, true).then().timeout(Duration.ofNanos(nanos), Mono.empty()));
	}

	/**
	 * As
	 * {@link #awaitWake(CompletableFuture, long, long, long, AtomicInteger, Runnable)},
	 * with nothing to run once counted.
	 */
	static boolean awaitWake(CompletableFuture<?> wake, long nanos, long deadline, long recheck,
			AtomicInteger waiting) {
		return awaitWake(wake, nanos, deadline, recheck, waiting, () -> {
		});
	}

	/**
	 * Waits as a caller that found nothing does: for the wake-up, or the recheck time, or
	 * what is left of its own time (none for {@code nanos} 0, no bound for a negative
	 * one), whichever comes first, counted among the waiters meanwhile. Parks a green
	 * thread. {@code counted} runs on the caller's thread once it is counted, before it
	 * parks.
	 * @return whether to look again: false if the caller's time is up
	 */
	static boolean awaitWake(CompletableFuture<?> wake, long nanos, long deadline, long recheck, AtomicInteger waiting,
			Runnable counted) {
		long left = deadline - System.nanoTime();
		if (nanos == 0 || nanos > 0 && left <= 0) {
			return false;
		}
		waiting.incrementAndGet();
		try {
			counted.run();
			waitFor(wake, (nanos < 0) ? recheck : Math.min(left, recheck));
		}
		finally {
			waiting.decrementAndGet();
		}
		return true;
	}

}
