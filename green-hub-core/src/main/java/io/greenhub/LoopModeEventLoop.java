package io.greenhub;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

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
 * <p>One platform thread, the <em>carrier</em>, drains a run queue of green-thread
 * continuations. The Netty event loop is itself a virtual thread on the same carrier (the <em>loop
 * thread</em>), so loop code that contends for a lock held by a parked green thread parks too,
 * instead of blocking the carrier that the green thread needs to release it.
 *
 * <p>The loop thread's continuation is not queued with the green threads but kept in a slot of
 * its own: the carrier runs it when no green thread is runnable, and otherwise after every
 * {@value #GREEN_TURNS} green continuations, so that busy green threads neither starve I/O nor pay
 * for a poll of the selector at every switch. The loop thread yields whenever green threads are
 * runnable, and waits for I/O only when there are none.
 *
 * <p>Nothing here spins. An idle carrier parks; a loop thread waiting for I/O blocks the carrier
 * in the selector. Whoever enqueues a continuation wakes the carrier the one way its state needs,
 * and not at all while it is running: so green threads that wake each other on one hub never
 * touch the selector.
 */
final class LoopModeEventLoop extends ManualIoEventLoop implements HubEventLoop {

	private static final Logger logger = LoggerFactory.getLogger(LoopModeEventLoop.class);

	/** The carrier is running continuations; it will poll the run queue again. */
	private static final int RUNNING = 0;

	/** The carrier is parked, waiting for the run queue. */
	private static final int IDLE = 1;

	/** The loop thread is waiting for I/O in the selector, holding the carrier. */
	private static final int SELECTING = 2;

	/** How many green continuations the carrier runs, at most, between two turns of the loop. */
	static final int GREEN_TURNS = 64;

	// Written by any thread that starts or unparks a virtual thread of this hub; polled by the
	// carrier only.
	private final Queue<Runnable> runQueue = PlatformDependent.newMpscQueue();

	// Written by the carrier (RUNNING, IDLE, and SELECTING as it resumes a loop thread that parked
	// inside its I/O turn) and by the loop thread on it (SELECTING, RUNNING);
	// read by every thread that enqueues, to choose how to wake the carrier.
	private volatile int carrierState = RUNNING;

	// Set by any thread that makes the loop thread runnable; cleared by the carrier as it runs it.
	private volatile boolean loopRunnable;

	// Written by the thread that makes the loop thread runnable (always the same continuation);
	// read by the carrier after it sees loopRunnable.
	private volatile @Nullable Runnable loopContinuation;

	// Written by the loop thread as it ends; read by the carrier.
	private volatile boolean loopEnded;

	// Written by the loop thread around each turn of the I/O handler, which may wait in the
	// selector; read by the carrier as it resumes the loop thread, which may have parked mid-turn
	// (on a lock, say) and so may go on to wait in the selector.
	private volatile boolean loopInIo;

	private final Thread carrier;

	// Written once by the carrier as it starts; read by the watchdog.
	private volatile int carrierOsThreadId = -1;

	private final Thread loopThread;

	private final DefaultGreenHub hub;

	LoopModeEventLoop(IoEventLoopGroup parent, IoHandlerFactory handlers, GreenHubGroup group, int index,
			ThreadFactory carriers) {
		super(parent, null, handlers);
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

	private void wakeCarrier() {
		int state = this.carrierState;
		if (state == IDLE) {
			LockSupport.unpark(this.carrier);
		}
		else if (state == SELECTING) {
			wakeup();
		}
	}

	/**
	 * Asked by the I/O handler after it has armed its wake-up and before it waits: a carrier with
	 * runnable green threads must not wait for I/O.
	 */
	@Override
	protected boolean canBlock() {
		return this.runQueue.isEmpty();
	}

	private void runCarrier() {
		this.carrierOsThreadId = CarrierTimes.currentOsThreadId();
		for (;;) {
			int ran = 0;
			Runnable continuation;
			while (ran < GREEN_TURNS && (continuation = this.runQueue.poll()) != null) {
				runSafely(continuation);
				ran++;
			}
			if (this.loopRunnable) {
				this.loopRunnable = false;
				// a loop thread resumed inside its I/O turn may wait in the selector next: say so, or
				// a thread that enqueues meanwhile would see RUNNING (or IDLE) and not wake it
				if (this.loopInIo) {
					this.carrierState = SELECTING;
				}
				runSafely(Objects.requireNonNull(this.loopContinuation));
				this.carrierState = RUNNING;
				continue;
			}
			if (ran > 0) {
				continue;
			}
			if (this.loopEnded && this.hub.runningThreads() == 0) {
				return;
			}
			this.carrierState = IDLE;
			if (this.runQueue.isEmpty() && !this.loopRunnable && !(this.loopEnded && this.hub.runningThreads() == 0)) {
				LockSupport.park(this);
			}
			this.carrierState = RUNNING;
		}
	}

	private void runSafely(Runnable continuation) {
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
			this.loopInIo = true;
			this.carrierState = SELECTING;
			try {
				run(0);
			}
			finally {
				this.loopInIo = false;
				this.carrierState = RUNNING;
			}
		}
	}

}
