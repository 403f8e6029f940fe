package io.greenhub.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking detection, eventlet's {@code hub_blocking_detection}: a platform thread of its
 * own sends each hub's event loop a heartbeat task a few times per threshold, and when a
 * heartbeat has not run for longer than the threshold, the loop is late. Then it asks the
 * OS what the hub's carrier thread did meanwhile ({@link CarrierTimes}):
 * <ul>
 * <li>it waited for a CPU for most of that time and computed for less than a tenth of the
 * threshold (a carrier that gets a CPU at all runs its loop soon, unless code holds it):
 * the OS did not schedule it, on a busy or overcommitted machine; no code is to blame, so
 * that is counted apart and logged at INFO without a stack, and the window starts again;
 * <li>it computed: code holds it without parking;
 * <li>it neither computed nor waited for a CPU, and is parked or in a native method: code
 * blocks it (a pinned park, a blocking call);
 * <li>it did none of these: the JVM stopped it (a safepoint, say), and a later window is
 * judged.
 * </ul>
 * A stall is reported once, at WARN (at most one WARN every ten seconds per hub and per
 * place in the application's code that holds it, and one for all stalls held by the
 * loop's own code; every stall is counted), with the hub, how long so far, the carrier's
 * CPU time, whether another hub's carrier took its work over, and the stack of what holds
 * the loop: in loop mode the virtual thread mounted on the carrier, otherwise the loop's
 * own thread running loop code. A round that starts far later than the watchdog asked to
 * wake (a pause of the whole JVM or of the machine, or the throttling of a container's
 * CPU quota) does not count the time it was late by, past its interval, in any window: a
 * window is judged by the time the watchdog ran in it, of which up to an interval per
 * pause may have been paused still, and its WARN says how long the JVM was stopped.
 * Nothing is added to the scheduling path. Each round it also sends the
 * {@link HubLagProbes}, and with work stealing on looks for a held carrier whose hold no
 * other carrier's look can find ({@link WorkStealing#lookFromWatchdog(long)}). With the
 * threshold zero, blocking detection is off and the watchdog only samples lag.
 */
final class HubWatchdog implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(HubWatchdog.class);

	/** The place, for the WARN limit, of every stall held by the loop's own code. */
	private static final String LOOP_CODE = "the event loop's own code";

	/**
	 * The place, for the INFO limit, of every late loop whose carrier the OS did not run.
	 */
	private static final String NOT_SCHEDULED = "a carrier the OS did not schedule";

	private final String groupName;

	private final List<DefaultGreenHub> hubs;

	private final long thresholdNanos;

	private final Heartbeat[] heartbeats;

	private final HubLagProbes lagProbes;

	private final Thread thread;

	private final LoopHolders holders;

	// Null when work stealing is off.
	private final @Nullable WorkStealing stealing;

	// Set by the thread that closes the group; read by the watchdog.
	private volatile boolean stopped;

	HubWatchdog(String groupName, List<DefaultGreenHub> hubs, Duration threshold, HubLagProbes lagProbes,
			CarrierTimes times, @Nullable WorkStealing stealing) {
		this.groupName = groupName;
		this.stealing = stealing;
		this.hubs = hubs;
		this.holders = new LoopHolders(hubs);
		this.thresholdNanos = threshold.toNanos();
		this.lagProbes = lagProbes;
		this.heartbeats = new Heartbeat[hubs.size()];
		for (int i = 0; i < this.heartbeats.length; i++) {
			this.heartbeats[i] = new Heartbeat(hubs.get(i), groupName, times);
		}
		this.thread = Thread.ofPlatform().daemon().name(groupName + "-watchdog").unstarted(this);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Stops the watchdog and waits, briefly, for its thread to end, so that it sends no
	 * probe to a hub that shuts down next.
	 */
	void stop() {
		this.stopped = true;
		unparkAndJoin(this.thread);
	}

	/**
	 * Wakes a group's own platform thread that has been told to stop, and waits a second
	 * at most for it to end. Blocks the calling thread.
	 */
	static void unparkAndJoin(Thread thread) {
		LockSupport.unpark(thread);
		try {
			thread.join(Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns how long the hub at the index has been held, if a stall of it has been
	 * reported and has not ended; otherwise zero. Returns at once.
	 */
	Duration currentStall(int index) {
		long state = this.heartbeats[index].state.get();
		return (state < 0) ? Duration.ofNanos(System.nanoTime() + state) : Duration.ZERO;
	}

	@Override
	public void run() {
		long interval = (this.thresholdNanos == 0) ? TimeUnit.MILLISECONDS.toNanos(25)
				: Math.max(TimeUnit.MILLISECONDS.toNanos(5), this.thresholdNanos / 4);
		long lastRound = System.nanoTime();
		while (!this.stopped) {
			long now = System.nanoTime();
			// woken far later than asked: the JVM (a pause of every thread), the machine
			// or a CPU quota (the throttling of a container) stopped this thread too, and
			// the hubs with it most likely: the time past the interval counts in no
			// window
			long late = now - lastRound - interval;
			long paused = (late > this.thresholdNanos / 2) ? late : 0;
			lastRound = now;
			if (this.stealing != null) {
				// before the checks, so that a stall reported says whether its
				// work is taken over
				try {
					this.stealing.lookFromWatchdog(now);
				}
				catch (RuntimeException ex) {
					logger.warn("Work stealing's look at the carriers of group '{}' failed this round", this.groupName,
							ex);
				}
			}
			for (int i = 0; i < this.hubs.size(); i++) {
				try {
					if (this.thresholdNanos > 0) {
						check(this.hubs.get(i), this.heartbeats[i], now, paused);
					}
					this.lagProbes.send(i, now);
				}
				catch (RuntimeException ex) {
					logger.warn("Blocking detection of hub '{}' failed this round", this.hubs.get(i).name(), ex);
				}
			}
			LockSupport.parkNanos(this, interval);
		}
	}

	private void check(DefaultGreenHub hub, Heartbeat heartbeat, long now, long paused) {
		long sentAt = heartbeat.state.get();
		if (sentAt == 0) {
			heartbeat.startWindow();
			heartbeat.state.set(now);
			try {
				hub.eventLoop().execute(heartbeat);
			}
			catch (RuntimeException ex) {
				// the loop is shutting down
				heartbeat.state.set(0);
			}
			return;
		}
		// negative: reported already, this stall
		if (sentAt <= 0) {
			return;
		}
		// a window is judged by the time the watchdog ran in it: a pause of all threads
		// held no one's code, and a window that the pauses of a CPU quota keep cutting
		// short is still judged, by the time between them (a pause that began while the
		// watchdog was parked counts from the end of its park: up to an interval of it
		// counts as run)
		long stopped = heartbeat.paused(paused);
		if (stopped >= now - sentAt - this.thresholdNanos) {
			return;
		}
		long window = now - sentAt;
		long cpu = heartbeat.cpuSinceStart();
		long waited = heartbeat.runQueueSinceStart();
		if (waited >= (window - stopped) / 2 && cpu < this.thresholdNanos / 10) {
			// the OS did not run the carrier, which did little meanwhile: no code holds
			// it; the window
			// starts again
			if (heartbeat.state.compareAndSet(sentAt, now)) {
				heartbeat.startWindow();
				notScheduled(hub, heartbeat, window, cpu, waited, now);
			}
			return;
		}
		Thread holder = this.holders.holder(hub);
		StackTraceElement[] stack = (holder != null) ? holder.getStackTrace() : new StackTraceElement[0];
		if (cpu >= 0 && cpu < this.thresholdNanos / 10 && waited >= 0 && !LoopHolders.blocked(hub, stack)) {
			// the carrier neither ran, nor waited for a CPU, nor is blocked by the code
			// it runs: the
			// JVM or the machine stopped it (a safepoint, say); a later window is judged
			// instead
			if (heartbeat.state.compareAndSet(sentAt, now)) {
				heartbeat.startWindow();
				logger.debug(
						"Hub '{}' of group '{}' has not run its event loop for {} ms, but its carrier was stopped "
								+ "outside the code it runs; not counted as a stall",
						hub.name(), this.groupName, TimeUnit.NANOSECONDS.toMillis(window));
			}
			return;
		}
		if (heartbeat.state.compareAndSet(sentAt, -sentAt)) {
			hub.stalls().stalled();
			// the loop's own code has no place of the application's, and its innermost
			// frame changes
			// with every sample: all its stalls share one limit
			String place = (holder == null || holder == hub.loopThread()) ? LOOP_CODE : WarnThrottle.place(stack);
			if (heartbeat.warnings.tryWarn(place, now)) {
				report(hub, window, stopped, cpu, waited, holder, stack);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(
						"Hub '{}' of group '{}' has not run its event loop for {} ms, held in {} (not logged at WARN: "
								+ "a stall of this hub held there was, less than 10 s ago)",
						hub.name(), this.groupName, TimeUnit.NANOSECONDS.toMillis(window), place);
			}
		}
	}

	private void notScheduled(DefaultGreenHub hub, Heartbeat heartbeat, long window, long cpu, long waited, long now) {
		hub.stalls().notScheduled();
		String message = "Hub '{}' of group '{}' has not run its event loop for {} ms because the OS did not schedule "
				+ "its carrier thread (it waited {} ms for a CPU and used {} ms of one): the machine is busy or "
				+ "overcommitted, no code holds the loop; not counted as a stall";
		Object[] arguments = { hub.name(), this.groupName, TimeUnit.NANOSECONDS.toMillis(window),
				TimeUnit.NANOSECONDS.toMillis(waited), millis(cpu) };
		if (heartbeat.warnings.tryWarn(NOT_SCHEDULED, now)) {
			logger.info(message, arguments);
		}
		else {
			logger.debug(message, arguments);
		}
	}

	private void report(DefaultGreenHub hub, long heldNanos, long stopped, long cpu, long waited,
			@Nullable Thread holder, StackTraceElement[] stack) {
		StringBuilder trace = new StringBuilder();
		for (StackTraceElement frame : stack) {
			trace.append("\n\tat ").append(frame);
		}
		boolean computing = cpu < 0 || cpu >= this.thresholdNanos / 10;
		logger.warn("Hub '{}' of group '{}' has not run its event loop for {} ms (threshold {} ms{}): {} {}; {}{}",
				hub.name(), this.groupName, TimeUnit.NANOSECONDS.toMillis(heldNanos),
				TimeUnit.NANOSECONDS.toMillis(this.thresholdNanos),
				(stopped > 0) ? "; the whole JVM was stopped for " + millis(stopped) + " ms of it" : "",
				LoopHolders.describe(holder) + this.holders.owner(hub, holder),
				computing ? "holds it without parking" + used(cpu)
						: "blocks its carrier, which used " + millis(cpu) + " ms of CPU and waited " + millis(waited)
								+ " ms for one (a pinned park or a blocking native call)",
				LoopHolders.takeOver(hub), trace);
	}

	private static String used(long cpu) {
		return (cpu < 0) ? "" : " (its carrier used " + millis(cpu) + " ms of CPU meanwhile)";
	}

	private static long millis(long nanos) {
		return (nanos < 0) ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
	}

}
