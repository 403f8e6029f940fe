package io.greenhub.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Drain-then-kill, the one way green-hub ends green threads that it stops: a group
 * closing, a green TCP server closing, the application's green workers stopping. The
 * threads running get a grace period to finish; those still running after it are killed,
 * and get {@link #UNWIND} to unwind through their {@code finally} blocks.
 */
public final class Drain {

	/**
	 * How long killed green threads get to unwind before the stopping code goes on
	 * without them.
	 */
	public static final Duration UNWIND = Duration.ofSeconds(5);

	private Drain() {
	}

	/**
	 * Waits at most the grace period in all for the threads running now, kills those
	 * running after it (read anew, so that those started meanwhile are included), and
	 * waits at most {@link #UNWIND} for them to end. Blocks a platform thread, parks a
	 * green one. A kill or interrupt of the caller ends the waits early: the threads are
	 * killed at once and the caller's {@link io.greenhub.GreenKilledException} is thrown
	 * after that.
	 * @param running the threads running, read once before the grace period and once
	 * after it
	 * @param gracePeriod how long the threads may go on
	 * @return the threads it killed: those that had not ended after the grace period
	 */
	public static List<GreenThread<?>> drainThenKill(Supplier<? extends Collection<? extends GreenThread<?>>> running,
			Duration gracePeriod) {
		RuntimeException interruption = awaitAll(List.copyOf(running.get()), gracePeriod);
		List<GreenThread<?>> remaining = new ArrayList<>();
		for (GreenThread<?> thread : running.get()) {
			if (!thread.isDone()) {
				remaining.add(thread);
				kill(thread);
			}
		}
		if (interruption == null) {
			interruption = awaitAll(remaining, UNWIND);
		}
		if (interruption != null) {
			throw interruption;
		}
		return remaining;
	}

	private static void kill(GreenThread<?> thread) {
		try {
			thread.kill();
		}
		catch (IllegalStateException ex) {
			// the thread is ending by itself, from within its own kill
		}
	}

	/**
	 * Waits at most the limit in all for the threads to end, whatever their outcome;
	 * returns the exception that ended the wait of a killed or interrupted caller, or
	 * {@code null}.
	 */
	private static @Nullable RuntimeException awaitAll(List<? extends GreenThread<?>> threads, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		for (GreenThread<?> thread : threads) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return null;
			}
			try {
				thread.join(Duration.ofNanos(left));
			}
			catch (RuntimeException ex) {
				if (!thread.isDone() && !(ex instanceof GreenTimeoutException)) {
					return ex;
				}
				// its outcome, or the time ran out: either way the wait for it is over
			}
			catch (Error ex) {
				if (!thread.isDone()) {
					throw ex;
				}
				// its outcome
			}
		}
		return null;
	}

}
