package io.greenhub;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * The rules of waiting: who may wait, how a green thread parks, and how a kill or an interrupt
 * ends a wait.
 */
final class Blocking {

	private Blocking() {
	}

	static @Nullable DefaultGreenThread<?> currentGreenThread() {
		return DefaultGreenThread.CURRENT.isBound() ? DefaultGreenThread.CURRENT.get() : null;
	}

	/**
	 * Returns whether the current thread runs an event loop (or is another thread that must never
	 * block) and is not a green thread.
	 */
	static boolean isEventLoopThread() {
		return !DefaultGreenThread.CURRENT.isBound()
				&& (ThreadExecutorMap.currentExecutor() != null || Schedulers.isInNonBlockingThread());
	}

	/**
	 * Throws at once when a blocking operation is called where it must not block: eventlet's rule
	 * that it is impossible to block while you are the main loop.
	 */
	static void checkMayBlock(String operation) {
		if (isEventLoopThread()) {
			throw new IllegalStateException(operation + " would block the event-loop thread '"
					+ Thread.currentThread().getName() + "'; call it on a green thread instead, "
					+ "for example through Green.deferToGreenThread(...)");
		}
	}

	/**
	 * Parks the current thread until it is unparked, and throws if a kill or an interrupt ends
	 * the wait. Callers loop on their own condition: a return may be spurious.
	 */
	static void park(Object blocker) {
		checkKilled();
		LockSupport.park(blocker);
		checkKilled();
	}

	/**
	 * Parks as {@link #park(Object)}, at most the given time. A green thread of a loop-mode hub is
	 * woken by its own event loop's timer, so the wake-up stays on its carrier.
	 */
	static void parkNanos(Object blocker, long nanos) {
		checkKilled();
		DefaultGreenThread<?> green = currentGreenThread();
		if (green != null && green.hub().mode() == HubMode.LOOP) {
			Thread self = Thread.currentThread();
			ScheduledFuture<?> timer = green.hub()
				.eventLoop()
				.schedule(() -> LockSupport.unpark(self), nanos, TimeUnit.NANOSECONDS);
			LockSupport.park(blocker);
			timer.cancel(false);
		}
		else {
			LockSupport.parkNanos(blocker, nanos);
		}
		checkKilled();
	}

	/**
	 * Throws the pending kill or expired {@link GreenTimeout} of the current green thread, or a
	 * {@link GreenKilledException} for an interrupt, clearing the interrupt status.
	 */
	static void checkKilled() {
		DefaultGreenThread<?> green = currentGreenThread();
		if (green != null) {
			green.deliverKill();
			green.deliverTimeouts();
		}
		if (Thread.interrupted()) {
			throw new GreenKilledException("Thread '" + describe(Thread.currentThread(), green)
					+ "' was interrupted while waiting", null);
		}
	}

	/**
	 * Arranges for a kill, interrupt or timeout that ended a wait too late (the wait had been
	 * granted) to be thrown at the current thread's next wait instead.
	 */
	static void redeliverLater(RuntimeException ex) {
		DefaultGreenThread<?> green = currentGreenThread();
		if (ex instanceof GreenTimeoutException timedOut) {
			GreenTimeout timeout = timedOut.timeout();
			if (timeout != null) {
				timeout.redeliver();
			}
		}
		else if (green != null) {
			green.redeliverKill();
		}
		else {
			Thread.currentThread().interrupt();
		}
	}

	private static String describe(Thread thread, @Nullable DefaultGreenThread<?> green) {
		return (green != null) ? green.name() : thread.getName();
	}

}
