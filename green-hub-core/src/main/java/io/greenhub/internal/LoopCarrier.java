package io.greenhub.internal;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The body of a loop-mode hub's carrier thread: drains the run queue of green-thread
 * continuations, runs the loop thread's continuation when no green thread is runnable and
 * otherwise after every {@value LoopModeEventLoop#GREEN_TURNS} green ones, runs a held
 * hub's work after its own while it lends itself to one, and parks when there is nothing
 * to run. With work stealing on, it looks at the other carriers before it parks
 * ({@link WorkStealing#lookBeforeWaiting(LoopModeEventLoop, Sightings)}).
 *
 * <p>
 * Every field is the loop's own, copied here so that the path of a continuation reads
 * them as directly as the loop would.
 */
final class LoopCarrier implements Runnable {

	private final LoopModeEventLoop loop;

	private final Queue<Runnable> runQueue;

	private final TakeOver takeOver;

	private final @Nullable WorkStealing stealing;

	private final @Nullable Sightings sightings;

	LoopCarrier(LoopModeEventLoop loop, Queue<Runnable> runQueue, TakeOver takeOver, @Nullable WorkStealing stealing,
			@Nullable Sightings sightings) {
		this.loop = loop;
		this.runQueue = runQueue;
		this.takeOver = takeOver;
		this.stealing = stealing;
		this.sightings = sightings;
	}

	@Override
	public void run() {
		LoopModeEventLoop loop = this.loop;
		loop.carrierOsThreadId = CarrierTimes.currentOsThreadId();
		for (;;) {
			int ran = 0;
			Runnable continuation;
			while (ran < LoopModeEventLoop.GREEN_TURNS && (continuation = this.runQueue.poll()) != null) {
				this.takeOver.countTurn();
				loop.runSafely(continuation);
				ran++;
				if (this.takeOver.adopter() != null) {
					this.takeOver.end(true);
				}
			}
			if (loop.claimLoop()) {
				// a loop thread resumed inside its I/O turn may wait in the selector
				// next: say so, or a thread that enqueues meanwhile would see RUNNING (or
				// IDLE) and not wake it
				if (loop.loopInIo) {
					loop.carrierState = LoopModeEventLoop.SELECTING;
				}
				this.takeOver.countTurn();
				loop.loopCarrier = loop.carrier();
				loop.runSafely(Objects.requireNonNull(loop.loopContinuation));
				loop.carrierState = LoopModeEventLoop.RUNNING;
				if (this.takeOver.adopter() != null) {
					this.takeOver.end(true);
				}
				continue;
			}
			if (ran > 0) {
				continue;
			}
			LoopModeEventLoop held = this.takeOver.adoptee();
			if (held != null && runHeld(held)) {
				continue;
			}
			if (loop.hasEnded()) {
				held = this.takeOver.adoptee();
				if (held != null) {
					held.takeOver().end(false);
				}
				this.takeOver.end(false);
				return;
			}
			long wait = lookBeforeWaiting();
			if (wait == WorkStealing.LENT) {
				continue;
			}
			loop.carrierState = LoopModeEventLoop.IDLE;
			// a thief that lent itself as this carrier went on: undone here or by the
			// thief
			if (this.takeOver.adopter() != null) {
				loop.carrierState = LoopModeEventLoop.RUNNING;
				this.takeOver.end(true);
				continue;
			}
			held = this.takeOver.adoptee();
			if (this.runQueue.isEmpty() && !loop.loopRunnable && !loop.hasEnded()
					&& (held == null || !held.hasRunnableWork())) {
				if (wait > 0) {
					LockSupport.parkNanos(loop, wait);
				}
				else {
					LockSupport.park(loop);
				}
			}
			loop.carrierState = LoopModeEventLoop.RUNNING;
			this.takeOver.countTurn();
		}
	}

	/**
	 * Looks at the other carriers before this one waits for work, if work stealing is on
	 * and this carrier runs no held hub's work: returns {@link WorkStealing#LENT} if it
	 * lent this carrier a held hub's work, otherwise how long it may wait (zero: without
	 * a timeout). Called on this carrier, by the carrier or by the loop thread on it.
	 */
	long lookBeforeWaiting() {
		WorkStealing stealing = this.stealing;
		Sightings sightings = this.sightings;
		if (stealing == null || sightings == null || this.takeOver.adoptee() != null) {
			return 0;
		}
		return stealing.lookBeforeWaiting(this.loop, sightings);
	}

	/**
	 * Runs some of a held hub's runnable work on this, the thief's, carrier: green
	 * continuations until this carrier's own hub has work again, and the held hub's loop
	 * thread. Returns whether it ran anything.
	 */
	private boolean runHeld(LoopModeEventLoop held) {
		LoopModeEventLoop thief = this.loop;
		if (held.takeOver().adopter() != thief) {
			return false;
		}
		int ran = 0;
		Runnable continuation;
		while (ran < LoopModeEventLoop.GREEN_TURNS && !thief.hasRunnableWork()
				&& (continuation = held.runQueue.poll()) != null) {
			// counted as the thief's: a stolen continuation that holds the thief is seen
			// as holding it
			this.takeOver.countTurn();
			held.runSafely(continuation);
			ran++;
		}
		if (!thief.hasRunnableWork() && held.claimLoop()) {
			this.takeOver.countTurn();
			held.loopCarrier = thief.carrier();
			held.runSafely(Objects.requireNonNull(held.loopContinuation));
			ran++;
		}
		return ran > 0;
	}

}
