package io.greenhub.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.greenhub.GreenTimeout;
import io.greenhub.GreenTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The calls bounded in time: a sleep, and a function under a {@link GreenTimeout}. The
 * bodies of {@link io.greenhub.Green}'s {@code sleep} and {@code withTimeout}, whose
 * javadoc says what each does.
 */
public final class TimedCalls {

	// the blocker of a sleeping thread
	private static final Object SLEEP = new Object();

	private TimedCalls() {
	}

	/**
	 * Parks a green thread, or blocks a platform thread, for the duration; zero yields.
	 */
	public static void sleep(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Sleep duration must not be negative, was: " + duration);
		}
		Blocking.checkMayBlock("Green.sleep");
		if (duration.isZero()) {
			Blocking.checkKilled();
			Thread.yield();
			Blocking.checkKilled();
			return;
		}
		long deadline = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			Blocking.parkNanos(SLEEP, left);
		}
	}

	/**
	 * Calls the function under a timeout, whose exception propagates.
	 */
	@SuppressWarnings("try") // the resource is the time limit: its close cancels it
	public static <T extends @Nullable Object> T withTimeout(Duration timeout, Callable<T> function) {
		Objects.requireNonNull(function, "function");
		try (GreenTimeout limit = GreenTimeout.start(timeout)) {
			return function.call();
		}
		catch (Exception ex) {
			throw Rethrow.unchecked(ex);
		}
	}

	/**
	 * Calls the function under a timeout, and returns the fallback if this timeout fires.
	 */
	public static <T extends @Nullable Object> T withTimeout(Duration timeout, Callable<T> function, T fallback) {
		Objects.requireNonNull(function, "function");
		GreenTimeout limit = GreenTimeout.start(timeout);
		try (limit) {
			return function.call();
		}
		catch (GreenTimeoutException ex) {
			if (ex.isFrom(limit)) {
				return fallback;
			}
			throw ex;
		}
		catch (Exception ex) {
			throw Rethrow.unchecked(ex);
		}
	}

}
