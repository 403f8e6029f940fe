package io.greenhub;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A time limit on the green thread that starts it: when it expires, the thread's current wait,
 * or its next one, throws a {@link GreenTimeoutException}. It is eventlet's {@code Timeout}.
 *
 * <p>Use it with try-with-resources, so that it is cancelled when the block ends in time:
 * <pre>{@code
 * try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(200))) {
 *     return Green.blockOn(prices.current());
 * }
 * catch (GreenTimeoutException ex) {
 *     return Price.UNKNOWN;
 * }
 * }</pre>
 * or through {@link Green#withTimeout(Duration, java.util.concurrent.Callable)}.
 *
 * <h2>What it interrupts</h2>
 * Every green wait: {@code Green.blockOn}, {@code Green.sleep}, {@code join}, and the waits of
 * {@link GreenEvent}, {@link GreenQueue}, {@link GreenSemaphore}, {@link GreenPool} and
 * {@link GreenPile}. Code that never parks cannot be interrupted: a loop that computes for a
 * second goes on for that second, and sees the timeout at its next green wait. A JDK wait such
 * as {@code Thread.sleep} is not a green wait either. In {@link HubMode#LOOP} the expiry itself is
 * noticed by the hub's event loop, which shares the green thread's carrier: a thread that never
 * parks does not even see {@link #isExpired()} become true, so never spin on it.
 *
 * <h2>Nesting</h2>
 * Timeouts nest: an inner one expiring throws its own exception, which identifies it
 * ({@link GreenTimeoutException#isFrom(GreenTimeout)}), and leaves the outer one running. When an
 * outer one expires inside an inner block, the outer one's exception is thrown.
 *
 * <h2>Threads</h2>
 * {@link #start(Duration)} and {@link #close()} are called by the green thread itself and return
 * at once. The expiry is noticed on the hub's event loop, which only marks it and wakes the
 * green thread; the exception is always thrown on the green thread.
 */
public final class GreenTimeout implements AutoCloseable {

	private final DefaultGreenThread<?> owner;

	private final Duration duration;

	private final ScheduledFuture<?> timer;

	// Set by the hub's event loop when the time runs out; read by the owner at its waits.
	private volatile boolean expired;

	// Written and read by the owner only: whether the exception has been thrown at it.
	private boolean delivered;

	private GreenTimeout(DefaultGreenThread<?> owner, Duration duration) {
		this.owner = owner;
		this.duration = duration;
		owner.addTimeout(this);
		this.timer = owner.hub().eventLoop().schedule(this::expire, duration.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Starts a time limit on the calling green thread. Returns at once.
	 * @param duration how long the thread may go on
	 * @return the timeout, to close when the limited block ends
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static GreenTimeout start(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Timeout duration must not be negative, was: " + duration);
		}
		DefaultGreenThread<?> owner = Blocking.currentGreenThread();
		if (owner == null) {
			throw new IllegalStateException(
					"GreenTimeout limits green threads; thread '" + Thread.currentThread().getName() + "' is not one");
		}
		return new GreenTimeout(owner, duration);
	}

	/**
	 * Returns the duration this timeout was started with.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * Returns whether the expiry has been noticed: in loop mode that happens only once the green
	 * thread has parked since the time ran out. Returns at once.
	 * @return whether it expired
	 */
	public boolean isExpired() {
		return this.expired;
	}

	private void expire() {
		this.expired = true;
		Thread thread = this.owner.thread();
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/**
	 * Throws this timeout's exception if it expired and has not been thrown yet; called by the
	 * owner at each wait.
	 */
	void deliver() {
		if (this.expired && !this.delivered) {
			this.delivered = true;
			throw new GreenTimeoutException(this);
		}
	}

	void redeliver() {
		this.delivered = false;
	}

	/**
	 * Cancels the time limit. An expiry not yet thrown is dropped: the block ended first.
	 * Returns at once.
	 */
	@Override
	public void close() {
		this.timer.cancel(false);
		this.owner.removeTimeout(this);
	}

	@Override
	public String toString() {
		return "GreenTimeout of " + this.duration + " on " + this.owner.name();
	}

}
