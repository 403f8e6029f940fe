package io.greenhub.internal;

import java.util.concurrent.locks.LockSupport;

import io.greenhub.GreenKilledException;
import io.greenhub.GreenTimeout;
import io.greenhub.GreenTimeoutException;
import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * The rules of waiting: who may wait, how a green thread parks, and how a kill or an
 * interrupt ends a wait.
 */
public final class Blocking {

	private Blocking() {
	}

	public static @Nullable DefaultGreenThread<?> currentGreenThread() {
		return DefaultGreenThread.current();
	}

	/**
	 * Returns whether the current thread runs an event loop (or is another thread that
	 * must never block) and is not a green thread.
	 */
	public static boolean isEventLoopThread() {
		return DefaultGreenThread.current() == null
				&& (ThreadExecutorMap.currentExecutor() != null || Schedulers.isInNonBlockingThread());
	}

	/**
	 * Throws at once when a blocking operation is called where it must not block:
	 * eventlet's rule that it is impossible to block while you are the main loop.
	 */
	public static void checkMayBlock(String operation) {
		if (isEventLoopThread()) {
			throw new IllegalStateException(operation + " would block the event-loop thread '"
					+ Thread.currentThread().getName() + "'; call it on a green thread instead, "
					+ "for example through Green.deferToGreenThread(...)");
		}
	}

	/**
	 * Parks the current thread until it is unparked, and throws if a kill, an interrupt
	 * or an expired {@link GreenTimeout} ends the wait. Callers loop on their own
	 * condition: a return may be spurious.
	 */
	public static void park(Object blocker) {
		parkNanos(blocker, Long.MAX_VALUE);
	}

	/**
	 * Parks as {@link #park(Object)}, at most the given time. A green thread with open
	 * timeouts parks at most until the earliest of their deadlines. The wake-up of a
	 * timed park comes from the JDK's timer, never from the hub's event loop, which may
	 * itself be waiting for this thread.
	 */
	public static void parkNanos(Object blocker, long nanos) {
		DefaultGreenThread<?> green = currentGreenThread();
		checkKilled(green);
		long limit = (green != null) ? Math.min(nanos, green.nanosToNextTimeout()) : nanos;
		if (limit == Long.MAX_VALUE) {
			LockSupport.park(blocker);
		}
		else if (limit > 0) {
			LockSupport.parkNanos(blocker, limit);
		}
		checkKilled(green);
	}

	/**
	 * Throws the pending kill or expired {@link GreenTimeout} of the current green
	 * thread, or a {@link GreenKilledException} for an interrupt, clearing the interrupt
	 * status.
	 */
	public static void checkKilled() {
		checkKilled(currentGreenThread());
	}

	private static void checkKilled(@Nullable DefaultGreenThread<?> green) {
		if (green != null) {
			green.deliverKill();
			green.deliverTimeouts();
			if (green.isKillRequested()) {
				// the interrupt that carries a kill is that kill, which is delivered once
				Thread.interrupted();
				return;
			}
		}
		if (Thread.interrupted()) {
			throw new GreenKilledException(
					"Thread '" + describe(Thread.currentThread(), green) + "' was interrupted while waiting", null);
		}
	}

	/**
	 * Returns whether the exception ended a wait of the current thread as a kill, an
	 * interrupt or a timeout does: a {@link GreenKilledException}, a
	 * {@link GreenTimeoutException}, or the exception of one of the current green
	 * thread's {@link GreenTimeout}s.
	 */
	public static boolean isInterruption(Throwable ex) {
		if (ex instanceof GreenKilledException || ex instanceof GreenTimeoutException) {
			return true;
		}
		DefaultGreenThread<?> green = currentGreenThread();
		return green != null && green.timeoutThatThrew(ex) != null;
	}

	/**
	 * Arranges for a kill, interrupt or timeout that ended a wait too late (the wait had
	 * been granted) to be thrown at the current thread's next wait instead.
	 */
	public static void redeliverLater(RuntimeException ex) {
		DefaultGreenThread<?> green = currentGreenThread();
		TimeLimit timeout = (green != null) ? green.timeoutThatThrew(ex) : null;
		if (timeout != null) {
			timeout.redeliver();
		}
		else if (ex instanceof GreenTimeoutException) {
			// a timed operation's own limit, or a timeout closed since: nothing to throw
			// again
		}
		else if (green != null && green.isKillRequested()) {
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
