package io.greenhub.internal;

import io.greenhub.GreenKilledException;
import org.jspecify.annotations.Nullable;

/**
 * How a green thread's outcome is held: the value it returned, {@link #NIL} for
 * {@code null}, or a {@link Failure}; and how it is reported to a caller, by the one
 * rethrow policy ({@link Rethrow}).
 */
final class ThreadOutcome {

	/** The outcome of a function that returned {@code null}. */
	static final Object NIL = new Object();

	private ThreadOutcome() {
	}

	static Object of(@Nullable Object value) {
		return (value != null) ? value : NIL;
	}

	/**
	 * Returns the value of the outcome, or throws its failure.
	 */
	// NIL stands for the null that the function returned: a value of T, so T is nullable
	// there.
	@SuppressWarnings({ "unchecked", "NullAway" })
	static <T extends @Nullable Object> T report(Object outcome) {
		if (outcome == NIL) {
			return (T) null;
		}
		if (outcome instanceof Failure failure) {
			throw Rethrow.unchecked(failure.error());
		}
		return (T) outcome;
	}

	/**
	 * Returns the exception of an outcome that is a failure, or {@code null}.
	 */
	static @Nullable Throwable error(@Nullable Object outcome) {
		return (outcome instanceof Failure failure) ? failure.error() : null;
	}

	static boolean isKilled(@Nullable Object outcome) {
		return outcome instanceof Failure failure && failure.error() instanceof GreenKilledException;
	}

	static String describe(@Nullable Object outcome) {
		if (outcome == null) {
			return "running";
		}
		return isKilled(outcome) ? "killed" : (outcome instanceof Failure) ? "failed" : "done";
	}

	/**
	 * The outcome of a green thread that threw or was killed.
	 */
	record Failure(Throwable error) {
	}

}
