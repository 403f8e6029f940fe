package io.greenhub.internal;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * What blocking detection counted of one hub: the stalls of its loop and their length,
 * the late loops the OS did not schedule, and its green threads' pinned parks. Counted by
 * the watchdog thread and JFR's stream thread; read by metrics.
 */
final class HubStalls {

	// Counted by the watchdog: stalls reported, and their length when the loop ran again.
	private final LongAdder stalls = new LongAdder();

	private final LongAdder stallNanos = new LongAdder();

	// Counted by the watchdog: late loops whose carrier the OS did not schedule.
	private final LongAdder notScheduled = new LongAdder();

	// Counted by JFR's stream thread for each pinned park of a green thread of this hub.
	private final LongAdder pinnedParks = new LongAdder();

	// Used by JFR's stream thread only: the limit on the hub's pinned-park WARNs.
	private final WarnThrottle pinnedParkWarnings = new WarnThrottle();

	void stalled() {
		this.stalls.increment();
	}

	void stallEnded(long nanos) {
		this.stallNanos.add(nanos);
	}

	void notScheduled() {
		this.notScheduled.increment();
	}

	void pinnedPark() {
		this.pinnedParks.increment();
	}

	WarnThrottle pinnedParkWarnings() {
		return this.pinnedParkWarnings;
	}

	long stallCount() {
		return this.stalls.sum();
	}

	Duration stallTime() {
		return Duration.ofNanos(this.stallNanos.sum());
	}

	long notScheduledCount() {
		return this.notScheduled.sum();
	}

	long pinnedParkCount() {
		return this.pinnedParks.sum();
	}

}
