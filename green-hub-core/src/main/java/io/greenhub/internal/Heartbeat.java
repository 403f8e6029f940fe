package io.greenhub.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking detection's heartbeat of one hub: a task the watchdog sends to the hub's loop,
 * whose run says the loop is free again, and what the watchdog keeps of the window while
 * it is out (the carrier's CPU time and run-queue wait as it began, and the limit of
 * WARNs).
 */
final class Heartbeat implements Runnable {

	// the watchdog's logger: the lines it logs are blocking detection's
	private static final Logger logger = LoggerFactory.getLogger(HubWatchdog.class);

	private final DefaultGreenHub hub;

	private final String groupName;

	private final CarrierTimes times;

	// 0 when no heartbeat is out; the time it was sent while it is; that time negated
	// once the stall it shows has been reported. Set by the watchdog, cleared by the loop
	// as it runs.
	final AtomicLong state = new AtomicLong();

	// Used by the watchdog thread only: the limit of WARNs, per place in the code that
	// holds the loop.
	final WarnThrottle warnings = new WarnThrottle();

	// Used by the watchdog thread only: the carrier's CPU time and run-queue wait as the
	// window of the heartbeat out started, -1 where unknown.
	private long cpuAtStart;

	private long runQueueAtStart;

	// Used by the watchdog thread only: how long the watchdog was paused (woken far later
	// than it asked) in the window so far.
	private long pausedNanos;

	Heartbeat(DefaultGreenHub hub, String groupName, CarrierTimes times) {
		this.hub = hub;
		this.groupName = groupName;
		this.times = times;
	}

	void startWindow() {
		HubEventLoop loop = this.hub.eventLoop();
		this.cpuAtStart = this.times.cpuNanos(loop);
		this.runQueueAtStart = this.times.runQueueNanos(loop);
		this.pausedNanos = 0;
	}

	/**
	 * Adds a pause of the watchdog to the window, and answers how long it was paused in
	 * the window so far.
	 */
	long paused(long nanos) {
		this.pausedNanos += nanos;
		return this.pausedNanos;
	}

	long cpuSinceStart() {
		return since(this.cpuAtStart, this.times.cpuNanos(this.hub.eventLoop()));
	}

	long runQueueSinceStart() {
		return since(this.runQueueAtStart, this.times.runQueueNanos(this.hub.eventLoop()));
	}

	private static long since(long start, long now) {
		return (start < 0 || now < 0) ? -1 : now - start;
	}

	@Override
	public void run() {
		// the loop runs on another hub's carrier, which has taken its work over: its own
		// carrier is still held, and is free only when it runs this
		if (this.hub.eventLoop().deferToOwnCarrier(this)) {
			return;
		}
		long sentAt = this.state.getAndSet(0);
		if (sentAt < 0) {
			long held = System.nanoTime() + sentAt;
			this.hub.stalls().stallEnded(held);
			logger.info("Hub '{}' of group '{}' runs its event loop again after {} ms", this.hub.name(), this.groupName,
					TimeUnit.NANOSECONDS.toMillis(held));
		}
	}

}
