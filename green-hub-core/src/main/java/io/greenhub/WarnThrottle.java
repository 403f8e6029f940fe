package io.greenhub;

import java.util.concurrent.TimeUnit;

/**
 * Lets through at most one WARN line every ten seconds for one hub and one kind of report, so a
 * hub in trouble does not flood the log; the reports it holds back are still counted by their
 * callers. Used by one thread only: the watchdog for stalls, JFR's stream thread for pinned parks.
 */
final class WarnThrottle {

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	// Written and read by the one thread that reports; 0 before the first WARN.
	private long warnedAt;

	/**
	 * Returns whether a WARN may be logged now, and if so counts it as logged.
	 */
	boolean tryWarn(long now) {
		if (this.warnedAt != 0 && now - this.warnedAt < INTERVAL_NANOS) {
			return false;
		}
		this.warnedAt = now;
		return true;
	}

}
