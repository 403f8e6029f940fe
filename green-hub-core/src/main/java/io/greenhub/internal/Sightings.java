package io.greenhub.internal;

import java.util.Arrays;

/**
 * What one looker of work stealing saw of each carrier of a group: the carrier's count of
 * turns when it was last seen running, and since when that count has not moved. A carrier
 * counts a turn as it starts a continuation and as it goes back to running after waiting,
 * so a count seen twice means the carrier has run one continuation, without waiting, for
 * at least the time between the two sightings: it is <em>held</em> once that reaches the
 * threshold.
 *
 * <p>
 * Not thread-safe: used by one looker at a time (a carrier and the loop thread mounted on
 * it, which run one after the other on one platform thread, or the watchdog thread).
 */
final class Sightings {

	/** A count no carrier has: the carrier was not seen running at the last look. */
	private static final long NOT_RUNNING = -1;

	private final long thresholdNanos;

	private final long[] turns;

	private final long[] since;

	Sightings(int carriers, long thresholdNanos) {
		this.thresholdNanos = thresholdNanos;
		this.turns = new long[carriers];
		this.since = new long[carriers];
		Arrays.fill(this.turns, NOT_RUNNING);
	}

	/**
	 * Notes the carrier at the index seen not running (waiting for work, or in its
	 * selector), or not to be judged (its work is taken over already).
	 */
	void notRunning(int index) {
		this.turns[index] = NOT_RUNNING;
	}

	/**
	 * Notes the carrier at the index seen running with the count at {@code now}, and
	 * returns the nanoseconds left until it is held: the threshold if the count moved
	 * since the last sighting, zero or less once the count has stood still for the
	 * threshold.
	 */
	long running(int index, long turns, long now) {
		if (this.turns[index] != turns) {
			this.turns[index] = turns;
			this.since[index] = now;
			return this.thresholdNanos;
		}
		return this.since[index] + this.thresholdNanos - now;
	}

}
