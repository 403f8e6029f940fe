package io.greenhub.internal;

import java.time.Duration;
import java.util.List;

/**
 * Work stealing of a loop-mode hub group, without a thread of its own: the carriers look
 * at each other as they go to wait for work, which they do anyway. A carrier about to
 * wait (its loop thread about to block in the selector, or the carrier about to park)
 * reads every other carrier's state and count of turns ({@link Sightings}); one that has
 * run the same continuation for the threshold while its hub has other runnable work is
 * held, and the looker lends that work to itself and runs it instead of waiting. While
 * another carrier runs with work of its hub waiting behind it, the looker waits only
 * until that one would count as held, and looks again then, so a hold is found even when
 * no carrier crosses a boundary; otherwise it waits without a timeout: an idle group
 * wakes for nothing.
 *
 * <p>
 * A hold that begins while every other carrier waits without a timeout is found by the
 * watchdog's round ({@link #lookFromWatchdog(long)}), which wakes anyway, within a round
 * or two. A take-over ends on the held carrier as soon as its continuation returns, or as
 * it goes to wait; one that begins just as the held carrier goes on is undone by the
 * looker ({@link TakeOver#lendTo(LoopModeEventLoop, long)}).
 *
 * <p>
 * Nothing is added to a carrier's path but one opaque write per continuation (its count)
 * and one volatile read; a look costs a few volatile reads and, while another carrier
 * runs, a read of the clock.
 */
final class WorkStealing {

	/** What a look returns when it lent a held hub's work to the looking carrier. */
	static final long LENT = -1;

	private final long thresholdNanos;

	private final Sightings watchdogSightings;

	// Set once by the thread that builds the group, once every loop is made; read by
	// every looker (empty until then).
	private volatile List<LoopModeEventLoop> loops = List.of();

	// Set by the thread that closes the group; read by every looker.
	private volatile boolean stopped;

	WorkStealing(int hubCount, Duration threshold) {
		this.thresholdNanos = threshold.toNanos();
		this.watchdogSightings = sightings(hubCount);
	}

	/**
	 * Returns a looker's sightings of the group's carriers.
	 */
	Sightings sightings(int hubCount) {
		return new Sightings(hubCount, this.thresholdNanos);
	}

	/**
	 * Starts the looks at the loops, in index order. Called once, by the thread that
	 * builds the group.
	 */
	void start(List<LoopModeEventLoop> loops) {
		this.loops = List.copyOf(loops);
	}

	/**
	 * Stops the looks and ends every take-over. Called once, by the thread that closes
	 * the group.
	 */
	void stop() {
		this.stopped = true;
		for (LoopModeEventLoop loop : this.loops) {
			loop.takeOver().end(false);
		}
	}

	/**
	 * Looks at the other carriers from one about to wait for work, which lends itself to
	 * no one: lends it the work of a hub whose carrier is held, if one is. Called on the
	 * looker's carrier (by the carrier, or by its loop thread mounted on it).
	 * @return {@link #LENT} if it lent the looker a held hub's work; otherwise how long
	 * the looker may wait before it looks again, in nanoseconds: until the first carrier
	 * it sees running, with work of its hub waiting, would count as held, or zero (wait
	 * without a timeout) if none does
	 */
	long lookBeforeWaiting(LoopModeEventLoop looker, Sightings seen) {
		if (this.stopped || looker.isTakenOver()) {
			return 0;
		}
		List<LoopModeEventLoop> loops = this.loops;
		long wait = 0;
		long now = 0;
		boolean timed = false;
		for (int i = 0; i < loops.size(); i++) {
			LoopModeEventLoop other = loops.get(i);
			if (other == looker) {
				continue;
			}
			if (!other.isRunning() || other.isTakenOver()) {
				seen.notRunning(i);
				continue;
			}
			long turns = other.turns();
			if (!timed) {
				now = System.nanoTime();
				timed = true;
			}
			long left = seen.running(i, turns, now);
			if (!other.hasRunnableWork()) {
				// nothing waits behind it (an idle group's loop running a task, say):
				// nothing to take over, and no reason to wake for it
				continue;
			}
			if (left <= 0) {
				if (other.takeOver().lendTo(looker, turns)) {
					return LENT;
				}
				// it went on just now: look again later
				left = this.thresholdNanos;
			}
			wait = (wait == 0) ? left : Math.min(wait, left);
		}
		return wait;
	}

	/**
	 * The watchdog's look, once per round: lends the work of a held hub to a free
	 * carrier, for a hold that began while every other carrier waited without a timeout.
	 * Called by the watchdog thread only.
	 */
	void lookFromWatchdog(long now) {
		if (this.stopped) {
			return;
		}
		List<LoopModeEventLoop> loops = this.loops;
		for (int i = 0; i < loops.size(); i++) {
			LoopModeEventLoop loop = loops.get(i);
			if (!loop.isRunning() || loop.isTakenOver()) {
				this.watchdogSightings.notRunning(i);
				continue;
			}
			long turns = loop.turns();
			if (this.watchdogSightings.running(i, turns, now) <= 0 && loop.hasRunnableWork()) {
				lend(loops, i, loop, turns);
			}
		}
	}

	/**
	 * Lends the held hub's work to the first free carrier after it, so that several held
	 * hubs spread over the free carriers; the thief is woken once.
	 */
	private static void lend(List<LoopModeEventLoop> loops, int index, LoopModeEventLoop held, long turns) {
		for (int step = 1; step < loops.size(); step++) {
			LoopModeEventLoop thief = loops.get((index + step) % loops.size());
			if (thief.isFree() && held.takeOver().lendTo(thief, turns)) {
				return;
			}
		}
	}

}
