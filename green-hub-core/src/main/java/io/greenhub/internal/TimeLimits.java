package io.greenhub.internal;

import java.util.ArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The open time limits of one green thread, outermost first: made by its first
 * {@link io.greenhub.GreenTimeout}, and used by that green thread only, so unguarded.
 */
final class TimeLimits {

	private final ArrayList<TimeLimit> limits = new ArrayList<>(2);

	void add(TimeLimit limit) {
		this.limits.add(limit);
	}

	void remove(TimeLimit limit) {
		this.limits.remove(limit);
	}

	/**
	 * Returns the nanoseconds until the earliest deadline of the limits that have not fired yet, or
	 * {@link Long#MAX_VALUE} if there is none. A limit that has fired does nothing further
	 * (eventlet's rule), so it never shortens a park.
	 */
	long nanosToNext() {
		if (this.limits.isEmpty()) {
			return Long.MAX_VALUE;
		}
		long next = Long.MAX_VALUE;
		for (int i = 0; i < this.limits.size(); i++) {
			TimeLimit limit = this.limits.get(i);
			if (limit.isPending()) {
				next = Math.min(next, limit.nanosLeft());
			}
		}
		return Math.max(0, next);
	}

	/**
	 * Returns the limit that threw the exception, or {@code null}.
	 */
	@Nullable TimeLimit thatThrew(Throwable ex) {
		for (int i = 0; i < this.limits.size(); i++) {
			if (this.limits.get(i).threw(ex)) {
				return this.limits.get(i);
			}
		}
		return null;
	}

	/**
	 * Throws the exception of the outermost expired limit not yet thrown.
	 */
	void deliver() {
		for (int i = 0; i < this.limits.size(); i++) {
			this.limits.get(i).deliver();
		}
	}

}
