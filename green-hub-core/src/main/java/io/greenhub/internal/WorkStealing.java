package io.greenhub.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Work stealing of a loop-mode hub group: a platform thread of its own looks at every
 * carrier once per threshold, and when one has run the same continuation since its last
 * look while its hub has other runnable work (its loop thread, green threads), lends that
 * work to a free carrier of another hub, one that waits for work of its own (parked, or
 * its loop thread in the selector); the thief is woken once. It also ends a take-over
 * that it finds stale; the held carrier ends its own as soon as its continuation parks or
 * ends.
 *
 * <p>
 * Nothing is added to a carrier's path but one opaque write per continuation (the count
 * this thread reads) and one volatile read. This thread wakes once per threshold while a
 * carrier runs something, every four thresholds while none does, and does nothing else
 * when no carrier is held.
 */
final class WorkStealing implements Runnable {

	/** How many thresholds apart the looks are while no carrier runs anything. */
	private static final int IDLE_LOOKS = 4;

	private final List<LoopModeEventLoop> loops;

	private final long thresholdNanos;

	// Used by the stealing thread only: each carrier's count of continuations at the last
	// look.
	private final long[] lastTurns;

	private final Thread thread;

	// Set by the thread that closes the group; read by the stealing thread.
	private volatile boolean stopped;

	WorkStealing(String groupName, List<LoopModeEventLoop> loops, Duration threshold) {
		this.loops = loops;
		this.thresholdNanos = threshold.toNanos();
		this.lastTurns = new long[loops.size()];
		this.thread = Thread.ofPlatform().daemon().name(groupName + "-stealing").unstarted(this);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Stops looking, ends every take-over, and waits briefly for the thread to end.
	 */
	void stop() {
		this.stopped = true;
		HubWatchdog.unparkAndJoin(this.thread);
	}

	@Override
	public void run() {
		while (!this.stopped) {
			boolean running = false;
			for (int i = 0; i < this.loops.size(); i++) {
				LoopModeEventLoop loop = this.loops.get(i);
				running |= loop.isRunning();
				boolean held = loop.isHeld(this.lastTurns[i]);
				if (loop.isTakenOver()) {
					if (!held) {
						loop.takeOver().end(false);
					}
				}
				else if (held && loop.hasRunnableWork()) {
					lend(i, loop);
				}
				this.lastTurns[i] = loop.turns();
			}
			// a group with no carrier running has nothing to be held by: look less often
			LockSupport.parkNanos(this, running ? this.thresholdNanos : IDLE_LOOKS * this.thresholdNanos);
		}
		for (LoopModeEventLoop loop : this.loops) {
			loop.takeOver().end(false);
		}
	}

	/**
	 * Lends the held hub's work to the first free carrier after it, so that several held
	 * hubs spread over the free carriers.
	 */
	private void lend(int index, LoopModeEventLoop held) {
		for (int step = 1; step < this.loops.size(); step++) {
			LoopModeEventLoop thief = this.loops.get((index + step) % this.loops.size());
			if (thief.isFree() && held.takeOver().lendTo(thief)) {
				return;
			}
		}
	}

}
