package io.greenhub;

import java.time.Duration;
import java.util.Objects;

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
 * as {@code Thread.sleep} is not a green wait either. {@link #isExpired()} reads the clock, so code
 * that computes can check it.
 *
 * <h2>Nesting</h2>
 * Timeouts nest: an inner one expiring throws its own exception, which identifies it
 * ({@link GreenTimeoutException#isFrom(GreenTimeout)}), and leaves the outer one running. When an
 * outer one expires inside an inner block, the outer one's exception is thrown.
 *
 * <h2>Threads</h2>
 * {@link #start(Duration)} and {@link #close()} are called by the green thread itself and return
 * at once. There is no timer: a green thread with open timeouts parks at most until the earliest
 * of their deadlines, and throws on its own thread. Nothing depends on the hub's event loop, so a
 * timeout works even while loop code waits for a lock the thread holds.
 */
public final class GreenTimeout implements AutoCloseable {

	private final DefaultGreenThread<?> owner;

	private final Duration duration;

	private final long deadline;

	// Written and read by the owner only: whether the exception has been thrown at it.
	private boolean delivered;

	private GreenTimeout(DefaultGreenThread<?> owner, Duration duration) {
		this.owner = owner;
		this.duration = duration;
		this.deadline = System.nanoTime() + duration.toNanos();
		owner.addTimeout(this);
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
	 * Returns whether the time has run out, by the clock. Returns at once.
	 * @return whether it expired
	 */
	public boolean isExpired() {
		return nanosLeft() <= 0;
	}

	long nanosLeft() {
		return this.deadline - System.nanoTime();
	}

	/**
	 * Throws this timeout's exception if it expired and has not been thrown yet; called by the
	 * owner at each wait.
	 */
	void deliver() {
		if (!this.delivered && isExpired()) {
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
		this.owner.removeTimeout(this);
	}

	@Override
	public String toString() {
		return "GreenTimeout of " + this.duration + " on " + this.owner.name();
	}

}
