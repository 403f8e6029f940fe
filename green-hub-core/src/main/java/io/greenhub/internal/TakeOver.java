package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * One loop-mode carrier's part in work stealing: how many continuations it has started
 * (which {@link WorkStealing} reads to see it held), the carrier that runs its hub's work
 * while it is held (the <em>thief</em>), the held hub whose work it runs itself, and what
 * its loop thread left for it while away. A take-over begins with
 * {@link #lendTo(LoopModeEventLoop)}, called by the stealing thread, and ends with
 * {@link #end(boolean)}, called by the own carrier as soon as the continuation that held
 * it returns, or by the stealing thread when it finds it stale.
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

	// Counted by the carrier as it starts each continuation, its own hub's or a held
	// hub's (an
	// opaque write); read by the stealing thread, which sees a held carrier as a count
	// that does not move.
	@SuppressWarnings("unused")
	private long turns;

	// The carrier that runs this hub's work while its own is held. Set by the stealing
	// thread;
	// cleared by the own carrier once free, or by the stealing thread; read by every
	// enqueuer.
	private volatile @Nullable LoopModeEventLoop adopter;

	// The held hub whose work this carrier runs after its own. Set by the stealing
	// thread, cleared
	// by whoever clears that hub's adopter; read by this carrier and its loop thread.
	private volatile @Nullable LoopModeEventLoop adoptee;

	// Written by the loop thread around a park away from its carrier; read by whoever
	// ends a take-over.
	volatile boolean loopParkedAway;

	// A task the loop thread ran on a thief that must run on the own carrier once it is
	// free (the
	// watchdog's heartbeat). Set by the loop thread, taken by the own carrier or the
	// stealing thread.
	private final AtomicReference<@Nullable Runnable> ownCarrierTask = new AtomicReference<>();

	TakeOver(LoopModeEventLoop loop) {
		this.loop = loop;
	}

	/**
	 * Counts a continuation started by this carrier. Called by the carrier only.
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
	 * Lets the thief's carrier run this hub's work after its own. Called by the stealing
	 * thread only; returns whether the thief took it.
	 */
	boolean lendTo(LoopModeEventLoop thief) {
		TakeOver other = thief.takeOver();
		if (!ADOPTEE.compareAndSet(other, null, this.loop)) {
			return false;
		}
		if (!ADOPTER.compareAndSet(this, null, thief)) {
			other.adoptee = null;
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
