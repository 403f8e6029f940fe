package io.greenhub.internal;

import java.util.concurrent.locks.LockSupport;

import io.netty.util.concurrent.FastThreadLocalThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a loop-mode hub's loop thread, the virtual thread that is the Netty event
 * loop: runs the ready I/O and tasks, yields whenever green threads of its hub are
 * runnable, and waits for I/O in the selector, holding the carrier, only when there are
 * none. With work stealing on it looks at the other carriers before it waits
 * ({@link LoopCarrier#lookBeforeWaiting()}), and waits no longer than its look says.
 *
 * <p>
 * Away from its own carrier (on a thief's, or on its own while that runs a held hub's
 * work) it never waits in the selector: it polls for I/O without blocking and then parks
 * for the threshold, so that it holds no carrier.
 */
final class LoopThreadBody implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(LoopModeEventLoop.class);

	private final LoopModeEventLoop loop;

	private final LoopCarrier carrier;

	private final TakeOver takeOver;

	// Zero when work stealing is off; otherwise the threshold: how long the loop thread
	// parks, away from its carrier, between two polls of the selector.
	private final long stealingNanos;

	LoopThreadBody(LoopModeEventLoop loop, LoopCarrier carrier, TakeOver takeOver, long stealingNanos) {
		this.loop = loop;
		this.carrier = carrier;
		this.takeOver = takeOver;
		this.stealingNanos = stealingNanos;
	}

	@Override
	public void run() {
		try {
			FastThreadLocalThread.runWithFastThreadLocal(this::loop);
		}
		catch (Throwable ex) {
			logger.error("Hub '{}' event loop ended with an exception", this.loop.hub().name(), ex);
		}
		finally {
			this.loop.loopEnded = true;
		}
	}

	private void loop() {
		LoopModeEventLoop loop = this.loop;
		while (!loop.isTerminated()) {
			loop.runNow();
			if (!loop.runQueue.isEmpty()) {
				Thread.yield();
				continue;
			}
			if (this.stealingNanos > 0 && (loop.loopCarrier != loop.carrier() || this.takeOver.adoptee() != null)) {
				waitAway();
				continue;
			}
			long wait = this.carrier.lookBeforeWaiting();
			if (wait == WorkStealing.LENT) {
				// this carrier runs a held hub's work now: wait away from it
				continue;
			}
			loop.loopInIo = true;
			loop.carrierState = LoopModeEventLoop.SELECTING;
			// a thief that lent itself as this carrier went on: undone here or by the
			// thief
			if (this.takeOver.adopter() != null) {
				loop.loopInIo = false;
				loop.carrierState = LoopModeEventLoop.RUNNING;
				this.takeOver.end(true);
				continue;
			}
			try {
				loop.run(wait);
			}
			finally {
				loop.loopInIo = false;
				loop.carrierState = LoopModeEventLoop.RUNNING;
				this.takeOver.countTurn();
			}
		}
	}

	/**
	 * Waits for I/O without holding a carrier: parks for the threshold while the
	 * take-over lasts, then polls again; once it has ended, goes back to the own carrier.
	 */
	private void waitAway() {
		this.takeOver.loopParkedAway = true;
		try {
			if (this.takeOver.adopter() != null || this.takeOver.adoptee() != null) {
				LockSupport.parkNanos(this.loop, this.stealingNanos);
			}
			else {
				Thread.yield();
			}
		}
		finally {
			this.takeOver.loopParkedAway = false;
		}
	}

}
