package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

import io.greenhub.GreenHub;
import io.greenhub.HubMode;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of a hub in loop mode, and the scheduler of its green threads.
 *
 * <p>
 * One platform thread, the <em>carrier</em>, drains a run queue of green-thread
 * continuations. The Netty event loop is itself a virtual thread on the same carrier (the
 * <em>loop thread</em>), so loop code that contends for a lock held by a parked green
 * thread parks too, instead of blocking the carrier that the green thread needs to
 * release it.
 *
 * <p>
 * The loop thread's continuation is not queued with the green threads but kept in a slot
 * of its own: the carrier runs it when no green thread is runnable, and otherwise after
 * every {@value #GREEN_TURNS} green continuations, so that busy green threads neither
 * starve I/O nor pay for a poll of the selector at every switch. The loop thread yields
 * whenever green threads are runnable, and waits for I/O only when there are none.
 *
 * <p>
 * Nothing here spins. An idle carrier parks; a loop thread waiting for I/O blocks the
 * carrier in the selector. Whoever enqueues a continuation wakes the carrier the one way
 * its state needs, and not at all while it is running: so green threads that wake each
 * other on one hub never touch the selector.
 *
 * <p>
 * With work stealing on, a carrier held by one continuation past the threshold lends its
 * hub's other work to another hub's free carrier, which finds it as it goes to wait for
 * work ({@link WorkStealing}): the <em>thief</em> runs this hub's runnable continuations,
 * its loop thread included, after its own (affinity: a carrier's own hub always goes
 * first), until the own carrier is free and takes its hub back. Away from its own carrier the loop thread never waits in
 * the selector: it polls for I/O without blocking and then parks for the threshold, so
 * that it holds no carrier, and so does the thief's own loop thread while it lends its
 * carrier. The run queue then has more than one consumer.
 */
final class LoopModeEventLoop extends ManualIoEventLoop implements HubEventLoop {

	private static final Logger logger = LoggerFactory.getLogger(LoopModeEventLoop.class);

	/** The carrier is running continuations; it will poll the run queue again. */
	private static final int RUNNING = 0;

	/** The carrier is parked, waiting for the run queue. */
	private static final int IDLE = 1;

	/** The loop thread is waiting for I/O in the selector, holding the carrier. */
	private static final int SELECTING = 2;

	/**
	 * How many green continuations the carrier runs, at most, between two turns of the
	 * loop.
	 */
	static final int GREEN_TURNS = 64;

	private static final VarHandle LOOP_RUNNABLE;

	static {
		try {
			LOOP_RUNNABLE = MethodHandles.lookup()
				.findVarHandle(LoopModeEventLoop.class, "loopRunnable", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// Written by any thread that starts or unparks a virtual thread of this hub; polled
	// by the
	// carrier and, with work stealing on, by a thief.
	private final Queue<Runnable> runQueue;

	// Zero when work stealing is off; otherwise the threshold, also how long a loop
	// thread away from
	// its carrier parks between two polls of the selector.
	private final long stealingNanos;

	private final TakeOver takeOver = new TakeOver(this);

	// Null when work stealing is off.
	private final @Nullable WorkStealing stealing;

	// Used on this carrier only (by the carrier, and by the loop thread while it is mounted
	// on it): what its looks saw of the other carriers. Null when work stealing is off.
	private final @Nullable Sightings sightings;

	// Written by the carrier that is about to run the loop thread; read by the loop
	// thread, which
	// stays mounted on that carrier until it parks or yields.
	private volatile @Nullable Thread loopCarrier;

	// Written by the carrier (RUNNING, IDLE, and SELECTING as it resumes a loop thread
	// that parked
	// inside its I/O turn) and by the loop thread on it (SELECTING, RUNNING);
	// read by every thread that enqueues, to choose how to wake the carrier.
	private volatile int carrierState = RUNNING;

	// Set by any thread that makes the loop thread runnable; cleared by the carrier as it
	// runs it.
	private volatile boolean loopRunnable;

	// Written by the thread that makes the loop thread runnable (always the same
	// continuation);
	// read by the carrier after it sees loopRunnable.
	private volatile @Nullable Runnable loopContinuation;

	// Written by the loop thread as it ends; read by the carrier.
	private volatile boolean loopEnded;

	// Written by the loop thread around each turn of the I/O handler, which may wait in
	// the
	// selector; read by the carrier as it resumes the loop thread, which may have parked
	// mid-turn
	// (on a lock, say) and so may go on to wait in the selector.
	private volatile boolean loopInIo;

	private final Thread carrier;

	// Written once by the carrier as it starts; read by the watchdog.
	private volatile int carrierOsThreadId = -1;

	private final Thread loopThread;

	private final DefaultGreenHub hub;

	LoopModeEventLoop(IoEventLoopGroup parent, IoHandlerFactory handlers, HubGroupRuntime group, int index,
			ThreadFactory carriers) {
		super(parent, null, handlers);
		this.stealingNanos = group.group().workStealingThreshold().toNanos();
		this.runQueue = (this.stealingNanos > 0) ? new ConcurrentLinkedQueue<>() : PlatformDependent.newMpscQueue();
		this.stealing = group.workStealing();
		this.sightings = (this.stealing != null) ? this.stealing.sightings(group.hubCount()) : null;
		Thread.Builder.OfVirtual builder = VirtualThreadSchedulers.builder(this::enqueue);
		this.hub = new DefaultGreenHub(group, index, HubMode.LOOP, this, builder.factory());
		this.loopThread = VirtualThreadSchedulers.builder(this::enqueueLoop)
			.name(this.hub.name() + "-loop")
			.unstarted(this::runLoop);
		setOwningThread(this.loopThread);
		this.carrier = carriers.newThread(this::runCarrier);
		this.carrier.start();
		this.loopThread.start();
	}

	@Override
	public DefaultGreenHub hub() {
		return this.hub;
	}

	@Override
	public Thread loopThread() {
		return this.loopThread;
	}

	@Override
	public Thread carrier() {
		return this.carrier;
	}

	@Override
	public int carrierOsThreadId() {
		return this.carrierOsThreadId;
	}

	/**
	 * The scheduler of this hub's virtual threads: called by the JDK when one starts, is
	 * unparked, or yields, on whatever thread did that.
	 */
	private void enqueue(Runnable continuation) {
		this.runQueue.offer(continuation);
		wakeCarrier();
	}

	/**
	 * The scheduler of the loop thread alone: keeps its continuation in its slot.
	 */
	private void enqueueLoop(Runnable continuation) {
		this.loopContinuation = continuation;
		this.loopRunnable = true;
		wakeCarrier();
	}

	void wakeCarrier() {
		int state = this.carrierState;
		if (state == IDLE) {
			LockSupport.unpark(this.carrier);
		}
		else if (state == SELECTING) {
			wakeup();
		}
		LoopModeEventLoop thief = this.takeOver.adopter();
		if (thief != null) {
			thief.wakeCarrier();
		}
	}

	/**
	 * Asked by the I/O handler after it has armed its wake-up and before it waits: a
	 * carrier with runnable green threads must not wait for I/O, nor a carrier that is
	 * not the loop's own or that runs a held hub's work.
	 */
	@Override
	protected boolean canBlock() {
		return this.runQueue.isEmpty() && this.loopCarrier == this.carrier && this.takeOver.adoptee() == null;
	}

	private boolean claimLoop() {
		return this.loopRunnable && LOOP_RUNNABLE.compareAndSet(this, true, false);
	}

	private boolean hasWork() {
		return !this.runQueue.isEmpty() || this.loopRunnable;
	}

	private void runCarrier() {
		this.carrierOsThreadId = CarrierTimes.currentOsThreadId();
		for (;;) {
			int ran = 0;
			Runnable continuation;
			while (ran < GREEN_TURNS && (continuation = this.runQueue.poll()) != null) {
				this.takeOver.countTurn();
				runSafely(continuation);
				ran++;
				if (this.takeOver.adopter() != null) {
					this.takeOver.end(true);
				}
			}
			if (claimLoop()) {
				// a loop thread resumed inside its I/O turn may wait in the selector
				// next: say so, or
				// a thread that enqueues meanwhile would see RUNNING (or IDLE) and not
				// wake it
				if (this.loopInIo) {
					this.carrierState = SELECTING;
				}
				this.takeOver.countTurn();
				this.loopCarrier = this.carrier;
				runSafely(Objects.requireNonNull(this.loopContinuation));
				this.carrierState = RUNNING;
				if (this.takeOver.adopter() != null) {
					this.takeOver.end(true);
				}
				continue;
			}
			if (ran > 0) {
				continue;
			}
			LoopModeEventLoop held = this.takeOver.adoptee();
			if (held != null && held.runFor(this)) {
				continue;
			}
			if (this.loopEnded && this.hub.runningThreads() == 0) {
				held = this.takeOver.adoptee();
				if (held != null) {
					held.takeOver.end(false);
				}
				this.takeOver.end(false);
				return;
			}
			long wait = lookBeforeWaiting();
			if (wait == WorkStealing.LENT) {
				continue;
			}
			this.carrierState = IDLE;
			// a thief that lent itself as this carrier went on: undone here or by the thief
			if (this.takeOver.adopter() != null) {
				this.carrierState = RUNNING;
				this.takeOver.end(true);
				continue;
			}
			held = this.takeOver.adoptee();
			if (this.runQueue.isEmpty() && !this.loopRunnable && !(this.loopEnded && this.hub.runningThreads() == 0)
					&& (held == null || !held.hasWork())) {
				if (wait > 0) {
					LockSupport.parkNanos(this, wait);
				}
				else {
					LockSupport.park(this);
				}
			}
			this.carrierState = RUNNING;
			this.takeOver.countTurn();
		}
	}

	/**
	 * Looks at the other carriers before this one waits for work, if work stealing is on
	 * and this carrier runs no held hub's work: returns {@link WorkStealing#LENT} if it
	 * lent this carrier a held hub's work, otherwise how long it may wait (zero: without
	 * a timeout).
	 */
	private long lookBeforeWaiting() {
		WorkStealing stealing = this.stealing;
		Sightings sightings = this.sightings;
		if (stealing == null || sightings == null || this.takeOver.adoptee() != null) {
			return 0;
		}
		return stealing.lookBeforeWaiting(this, sightings);
	}

	/**
	 * Runs, on the thief's carrier, some of this held hub's runnable work: green
	 * continuations until the thief's own hub has work again, and the loop thread.
	 * Returns whether it ran anything.
	 */
	private boolean runFor(LoopModeEventLoop thief) {
		if (this.takeOver.adopter() != thief) {
			return false;
		}
		int ran = 0;
		Runnable continuation;
		while (ran < GREEN_TURNS && !thief.hasWork() && (continuation = this.runQueue.poll()) != null) {
			// counted as the thief's: a stolen continuation that holds the thief is seen
			// as holding it
			thief.takeOver.countTurn();
			runSafely(continuation);
			ran++;
		}
		if (!thief.hasWork() && claimLoop()) {
			thief.takeOver.countTurn();
			this.loopCarrier = thief.carrier;
			runSafely(Objects.requireNonNull(this.loopContinuation));
			ran++;
		}
		return ran > 0;
	}

	TakeOver takeOver() {
		return this.takeOver;
	}

	/**
	 * Whether this hub's carrier runs a continuation: neither waits for work nor has its
	 * loop thread in the selector.
	 */
	boolean isRunning() {
		return this.carrierState == RUNNING;
	}

	long turns() {
		return this.takeOver.turns();
	}

	/**
	 * Whether this hub's carrier could run another hub's work: it waits for work of its
	 * own, lends itself to no one and is not lent.
	 */
	boolean isFree() {
		int state = this.carrierState;
		return (state == IDLE || state == SELECTING) && this.runQueue.isEmpty() && this.takeOver.adoptee() == null
				&& this.takeOver.adopter() == null;
	}

	boolean hasRunnableWork() {
		return hasWork();
	}

	boolean isTakenOver() {
		return this.takeOver.adopter() != null;
	}

	/**
	 * Returns the hub whose carrier runs this hub's work meanwhile, or {@code null}.
	 */
	@Override
	public @Nullable GreenHub takenOverBy() {
		LoopModeEventLoop thief = this.takeOver.adopter();
		return (thief != null) ? thief.hub : null;
	}

	@Override
	public boolean workStealing() {
		return this.stealingNanos > 0;
	}

	/**
	 * Keeps a task that the loop thread runs on a thief for the own carrier, once it is
	 * free. Called on the loop thread; returns {@code false} if it runs on its own
	 * carrier, or if the take-over has ended already, when the caller runs it itself.
	 */
	@Override
	public boolean deferToOwnCarrier(Runnable task) {
		if (Thread.currentThread() != this.loopThread || this.loopCarrier == this.carrier) {
			return false;
		}
		return this.takeOver.keepForOwnCarrier(task);
	}

	void runSafely(Runnable continuation) {
		try {
			continuation.run();
		}
		catch (Throwable ex) {
			logger.error("Hub '{}' carrier caught an exception from a continuation", this.hub.name(), ex);
		}
	}

	private void runLoop() {
		try {
			FastThreadLocalThread.runWithFastThreadLocal(this::loop);
		}
		catch (Throwable ex) {
			logger.error("Hub '{}' event loop ended with an exception", this.hub.name(), ex);
		}
		finally {
			this.loopEnded = true;
		}
	}

	private void loop() {
		while (!isTerminated()) {
			runNow();
			if (!this.runQueue.isEmpty()) {
				Thread.yield();
				continue;
			}
			if (this.stealingNanos > 0 && (this.loopCarrier != this.carrier || this.takeOver.adoptee() != null)) {
				waitAway();
				continue;
			}
			long wait = lookBeforeWaiting();
			if (wait == WorkStealing.LENT) {
				// this carrier runs a held hub's work now: wait away from it
				continue;
			}
			this.loopInIo = true;
			this.carrierState = SELECTING;
			// a thief that lent itself as this carrier went on: undone here or by the thief
			if (this.takeOver.adopter() != null) {
				this.loopInIo = false;
				this.carrierState = RUNNING;
				this.takeOver.end(true);
				continue;
			}
			try {
				run(wait);
			}
			finally {
				this.loopInIo = false;
				this.carrierState = RUNNING;
				this.takeOver.countTurn();
			}
		}
	}

	/**
	 * Waits for I/O without holding a carrier: on a thief's carrier, or on the own
	 * carrier while it runs a held hub's work. Parks for the threshold while the
	 * take-over lasts, then polls again; once it has ended, goes back to the own carrier.
	 */
	private void waitAway() {
		this.takeOver.loopParkedAway = true;
		try {
			if (this.takeOver.adopter() != null || this.takeOver.adoptee() != null) {
				LockSupport.parkNanos(this, this.stealingNanos);
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
