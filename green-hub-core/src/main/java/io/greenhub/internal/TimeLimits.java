package io.greenhub.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the waits of one green thread do with its open time limits, outermost first: the
 * list its first {@link io.greenhub.GreenTimeout} makes, used by that green thread only,
 * so unguarded.
 */
final class TimeLimits {

	private TimeLimits() {
	}

	/**
	 * Returns the nanoseconds until the earliest deadline of the limits that have not
	 * fired yet, or {@link Long#MAX_VALUE} if there is none. A limit that has fired does
	 * nothing further (eventlet's rule), so it never shortens a park.
	 */
	static long nanosToNext(List<TimeLimit> limits) {
		if (limits.isEmpty()) {
			return Long.MAX_VALUE;
		}
		long next = Long.MAX_VALUE;
		for (int i = 0; i < limits.size(); i++) {
			TimeLimit limit = limits.get(i);
			if (limit.isPending()) {
				next = Math.min(next, limit.nanosLeft());
			}
		}
		return Math.max(0, next);
	}

	/**
	 * Returns the limit that threw the exception, or {@code null}.
	 */
	static @Nullable TimeLimit thatThrew(List<TimeLimit> limits, Throwable ex) {
		for (int i = 0; i < limits.size(); i++) {
			if (limits.get(i).threw(ex)) {
				return limits.get(i);
			}
		}
		return null;
	}

	/**
	 * Throws the exception of the outermost expired limit not yet thrown.
	 */
	static void deliver(List<TimeLimit> limits) {
		for (int i = 0; i < limits.size(); i++) {
			limits.get(i).deliver();
		}
	}

}
