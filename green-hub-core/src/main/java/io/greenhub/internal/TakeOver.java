package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One loop-mode carrier's part in work stealing: how many turns it has taken (which the
 * other carriers' looks read to see it held, {@link Sightings}), the carrier that runs
 * its hub's work while it is held (the <em>thief</em>), the held hub whose work it runs
 * itself, and what its loop thread left for it while away. A take-over begins with
 * {@link #lendTo(LoopModeEventLoop, long)}, called by the thief as it looks (or by the
 * watchdog's look), and ends with {@link #end(boolean)}, called by the own carrier as
 * soon as the continuation that held it returns or as it goes to wait for work.
 */
final class TakeOver {

	private static final VarHandle TURNS;

	private static final VarHandle ADOPTER;

	private static final VarHandle ADOPTEE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			TURNS = lookup.findVarHandle(TakeOver.class, "turns", long.class);
			ADOPTER = lookup.findVarHandle(TakeOver.class, "adopter", LoopModeEventLoop.class);
			ADOPTEE = lookup.findVarHandle(TakeOver.class, "adoptee", LoopModeEventLoop.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final LoopModeEventLoop loop;

	// Counted by the carrier (an opaque write) as it starts each continuation, its own
	// hub's or a held hub's, and as it goes back to running after waiting for work; read
	// by the other carriers' looks, which see a held carrier as a count that stands
	// still.
	@SuppressWarnings("unused")
	private long turns;

	// The carrier that runs this hub's work while its own is held. Set by the thief as it
	// looks (or by the watchdog); cleared by the own carrier once free, or by the thief
	// that finds it just freed; read by every enqueuer.
	private volatile @Nullable LoopModeEventLoop adopter;

	// The held hub whose work this carrier runs after its own. Set by whoever sets that
	// hub's adopter, cleared by whoever clears it; read by this carrier and its loop
	// thread.
	private volatile @Nullable LoopModeEventLoop adoptee;

	// Written by the loop thread around a park away from its carrier; read by whoever
	// ends a take-over.
	volatile boolean loopParkedAway;

	// A task the loop thread ran on a thief that must run on the own carrier once it is
	// free (the watchdog's heartbeat). Set by the loop thread, taken by whoever ends the
	// take-over.
	private final AtomicReference<@Nullable Runnable> ownCarrierTask = new AtomicReference<>();

	TakeOver(LoopModeEventLoop loop) {
		this.loop = loop;
	}

	/**
	 * Counts a turn of this carrier: a continuation it starts, or its return to running
	 * after it waited for work. Called on this carrier only (by the carrier, or by its
	 * loop thread mounted on it).
	 */
	void countTurn() {
		TURNS.setOpaque(this, (long) TURNS.getOpaque(this) + 1);
	}

	long turns() {
		return (long) TURNS.getOpaque(this);
	}

	@Nullable LoopModeEventLoop adopter() {
		return this.adopter;
	}

	@Nullable LoopModeEventLoop adoptee() {
		return this.adoptee;
	}

	/**
	 * Lets the thief's carrier run this hub's work after its own, this hub's carrier
	 * having been seen running with the count {@code turns} for the threshold. Called by
	 * the thief's carrier as it looks, or by the watchdog; returns whether the thief took
	 * it.
	 */
	boolean lendTo(LoopModeEventLoop thief, long turns) {
		TakeOver other = thief.takeOver();
		if (!ADOPTEE.compareAndSet(other, null, this.loop)) {
			return false;
		}
		if (!ADOPTER.compareAndSet(this, null, thief)) {
			other.adoptee = null;
			return false;
		}
		// the held carrier may have gone on just before the adopter was set, and not seen
		// it: then it runs again (its count moved) or waits, which it says before it
		// reads the adopter, so one of the two sees the other
		if (!this.loop.isRunning() || turns() != turns) {
			if (ADOPTER.compareAndSet(this, thief, null)) {
				ADOPTEE.compareAndSet(other, this.loop, null);
			}
			return false;
		}
		thief.wakeCarrier();
		return true;
	}

	/**
	 * Ends a take-over of this hub, if there is one: wakes the thief and both loop
	 * threads that parked away, and runs what the loop thread left for the own carrier,
	 * on it if this is called there, otherwise as a task of the loop.
	 */
	void end(boolean onOwnCarrier) {
		LoopModeEventLoop thief = this.adopter;
		if (thief == null || !ADOPTER.compareAndSet(this, thief, null)) {
			return;
		}
		TakeOver other = thief.takeOver();
		ADOPTEE.compareAndSet(other, this.loop, null);
		if (other.loopParkedAway) {
			LockSupport.unpark(thief.loopThread());
		}
		thief.wakeCarrier();
		if (this.loopParkedAway) {
			LockSupport.unpark(this.loop.loopThread());
		}
		Runnable task = this.ownCarrierTask.getAndSet(null);
		if (task == null) {
			return;
		}
		if (onOwnCarrier) {
			this.loop.runSafely(task);
			return;
		}
		try {
			this.loop.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the loop is shutting down: nothing waits for its heartbeat any more
		}
	}

	/**
	 * Keeps a task of the loop thread, which runs on a thief, for the own carrier.
	 * Returns {@code false} if the take-over has ended already, when the caller runs it
	 * itself.
	 */
	boolean keepForOwnCarrier(Runnable task) {
		this.ownCarrierTask.set(task);
		return this.adopter != null || !this.ownCarrierTask.compareAndSet(task, null);
	}

}
