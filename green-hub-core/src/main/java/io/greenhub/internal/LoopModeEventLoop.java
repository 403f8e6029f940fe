package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

import io.greenhub.GreenHub;
import io.greenhub.HubMode;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ManualIoEventLoop;
import io.netty.util.internal.PlatformDependent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of a hub in loop mode, and the scheduler of its green threads.
 *
 * <p>
 * One platform thread, the <em>carrier</em> ({@link LoopCarrier}), drains a run queue of
 * green-thread continuations. The Netty event loop is itself a virtual thread on the same
 * carrier (the <em>loop thread</em>, {@link LoopThreadBody}), so loop code that contends
 * for a lock held by a parked green thread parks too, instead of blocking the carrier
 * that the green thread needs to release it.
 *
 * <p>
 * The loop thread's continuation is not queued with the green threads but kept in a slot
 * of its own: the carrier runs it when no green thread is runnable, and otherwise after
 * every {@value #GREEN_TURNS} green continuations, so that busy green threads neither
 * starve I/O nor pay for a poll of the selector at every switch.
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
 * first), until the own carrier is free and takes its hub back ({@link TakeOver}). The
 * run queue then has more than one consumer.
 */
final class LoopModeEventLoop extends ManualIoEventLoop implements HubEventLoop {

	private static final Logger logger = LoggerFactory.getLogger(LoopModeEventLoop.class);

	/** The carrier is running continuations; it will poll the run queue again. */
	static final int RUNNING = 0;

	/** The carrier is parked, waiting for the run queue. */
	static final int IDLE = 1;

	/** The loop thread is waiting for I/O in the selector, holding the carrier. */
	static final int SELECTING = 2;

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
	// by the carrier and, with work stealing on, by a thief.
	final Queue<Runnable> runQueue;

	// Zero when work stealing is off; otherwise the threshold.
	private final long stealingNanos;

	private final TakeOver takeOver = new TakeOver(this);

	// Written by the carrier that is about to run the loop thread; read by the loop
	// thread, which stays mounted on that carrier until it parks or yields.
	volatile @Nullable Thread loopCarrier;

	// Written by the carrier (RUNNING, IDLE, and SELECTING as it resumes a loop thread
	// that parked inside its I/O turn) and by the loop thread on it (SELECTING, RUNNING);
	// read by every thread that enqueues, to choose how to wake the carrier.
	volatile int carrierState = RUNNING;

	// Set by any thread that makes the loop thread runnable; cleared by the carrier as it
	// runs it.
	volatile boolean loopRunnable;

	// Written by the thread that makes the loop thread runnable (always the same
	// continuation); read by the carrier after it sees loopRunnable.
	volatile @Nullable Runnable loopContinuation;

	// Written by the loop thread as it ends; read by the carrier.
	volatile boolean loopEnded;

	// Written by the loop thread around each turn of the I/O handler, which may wait in
	// the selector; read by the carrier as it resumes the loop thread, which may have
	// parked mid-turn (on a lock, say) and so may go on to wait in the selector.
	volatile boolean loopInIo;

	private final Thread carrier;

	// Written once by the carrier as it starts; read by the watchdog.
	volatile int carrierOsThreadId = -1;

	private final Thread loopThread;

	private final DefaultGreenHub hub;

	LoopModeEventLoop(IoEventLoopGroup parent, IoHandlerFactory handlers, HubGroupRuntime group, int index,
			ThreadFactory carriers) {
		super(parent, null, handlers);
		this.stealingNanos = group.group().workStealingThreshold().toNanos();
		this.runQueue = (this.stealingNanos > 0) ? new ConcurrentLinkedQueue<>() : PlatformDependent.newMpscQueue();
		WorkStealing stealing = group.workStealing();
		LoopCarrier body = new LoopCarrier(this, this.runQueue, this.takeOver, stealing,
				(stealing != null) ? stealing.sightings(group.hubCount()) : null);
		Thread.Builder.OfVirtual builder = VirtualThreadSchedulers.builder(this::enqueue);
		this.hub = new DefaultGreenHub(group, index, HubMode.LOOP, this, builder.factory());
		this.loopThread = VirtualThreadSchedulers.builder(this::enqueueLoop)
			.name(this.hub.name() + "-loop")
			.unstarted(new LoopThreadBody(this, body, this.takeOver, this.stealingNanos));
		setOwningThread(this.loopThread);
		this.carrier = carriers.newThread(body);
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

	boolean claimLoop() {
		return this.loopRunnable && LOOP_RUNNABLE.compareAndSet(this, true, false);
	}

	/**
	 * Whether the loop thread has ended and every virtual thread of the hub too: the
	 * carrier may stop.
	 */
	boolean hasEnded() {
		return this.loopEnded && this.hub.runningThreads() == 0;
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

	/**
	 * Whether this hub has a runnable continuation: a green thread's, or its loop
	 * thread's.
	 */
	boolean hasRunnableWork() {
		return !this.runQueue.isEmpty() || this.loopRunnable;
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

}
