package io.greenhub;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.TimeLimit;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenPile;
import io.greenhub.primitives.GreenPool;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import org.jspecify.annotations.Nullable;

/**
 * A time limit on the green thread that starts it: when it expires, the thread's current
 * wait, or its next one, throws a {@link GreenTimeoutException}. It is eventlet's
 * {@code Timeout}.
 *
 * <p>
 * Use it with try-with-resources, so that it is cancelled when the block ends in time:
 * <pre>{@code
 * try (GreenTimeout limit = GreenTimeout.start(Duration.ofMillis(200))) {
 *     return Green.blockOn(prices.current());
 * }
 * catch (GreenTimeoutException ex) {
 *     return Price.UNKNOWN;
 * }
 * }</pre> or through {@link Green#withTimeout(Duration, java.util.concurrent.Callable)},
 * or {@link Green#withTimeout(Duration, java.util.concurrent.Callable, Object)} for a
 * value instead of the exception.
 *
 * <h2>Which exception</h2> By default the wait throws a {@link GreenTimeoutException}
 * that {@linkplain GreenTimeoutException#isFrom(GreenTimeout) names} this timeout.
 * {@link #start(Duration, Supplier)} chooses another one (eventlet's
 * {@code Timeout(seconds, exception)}): the supplier is called on the owner at the wait
 * that throws it. It must be an unchecked exception, since every green wait can throw it.
 *
 * <h2>Firing once</h2> A timeout fires once: after its exception has been thrown it does
 * nothing further, even while its block is still open (code may catch the exception and
 * go on waiting in the block), and {@link #isPending()} turns {@code false}. It never
 * shortens a later wait.
 *
 * <h2>What it interrupts</h2> Every green wait: {@code Green.blockOn},
 * {@code Green.sleep}, {@code join}, and the waits of {@link GreenEvent},
 * {@link GreenQueue}, {@link GreenSemaphore}, {@link GreenPool} and {@link GreenPile}.
 * Code that never parks cannot be interrupted: a loop that computes for a second goes on
 * for that second, and sees the timeout at its next green wait. A JDK wait such as
 * {@code Thread.sleep} is not a green wait either. {@link #isExpired()} reads the clock,
 * so code that computes can check it.
 *
 * <h2>Nesting</h2> Timeouts nest: an inner one expiring throws its own exception, which
 * identifies it ({@link GreenTimeoutException#isFrom(GreenTimeout)}), and leaves the
 * outer one running. When an outer one expires inside an inner block, the outer one's
 * exception is thrown.
 *
 * <h2>Threads</h2> {@link #start(Duration)} and {@link #close()} are called by the green
 * thread itself and return at once. There is no timer: a green thread with open timeouts
 * parks at most until the earliest of their deadlines, and throws on its own thread.
 * Nothing depends on the hub's event loop, so a timeout works even while loop code waits
 * for a lock the thread holds.
 */
public final class GreenTimeout implements AutoCloseable {

	private static final int PENDING = 0;

	private static final int FIRED = 1;

	private static final int CANCELLED = 2;

	private final DefaultGreenThread<?> owner;

	private final Duration duration;

	private final long deadline;

	private final @Nullable Supplier<? extends RuntimeException> exception;

	// Written by the owner only (it fires the timeout and closes it); read by any thread.
	private volatile int state = PENDING;

	// Written and read by the owner only: the exception thrown when the timeout fired.
	private @Nullable RuntimeException thrown;

	// What the owner's waits see of this timeout.
	private final TimeLimit limit = new Limit();

	private GreenTimeout(DefaultGreenThread<?> owner, Duration duration,
			@Nullable Supplier<? extends RuntimeException> exception) {
		this.owner = owner;
		this.duration = duration;
		this.exception = exception;
		this.deadline = System.nanoTime() + duration.toNanos();
		owner.addTimeout(this.limit);
	}

	/**
	 * Starts a time limit on the calling green thread, which throws a
	 * {@link GreenTimeoutException} when it fires. Returns at once.
	 * @param duration how long the thread may go on
	 * @return the timeout, to close when the limited block ends
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static GreenTimeout start(Duration duration) {
		return new GreenTimeout(owner(duration), duration, null);
	}

	/**
	 * Starts a time limit on the calling green thread, which throws the supplier's
	 * exception when it fires. Returns at once.
	 * @param duration how long the thread may go on
	 * @param exception makes the exception to throw; called on the owner, once the time
	 * has run out, at the wait that throws it
	 * @return the timeout, to close when the limited block ends
	 * @throws IllegalStateException if the caller is not a green thread
	 */
	public static GreenTimeout start(Duration duration, Supplier<? extends RuntimeException> exception) {
		Objects.requireNonNull(exception, "exception");
		return new GreenTimeout(owner(duration), duration, exception);
	}

	private static DefaultGreenThread<?> owner(Duration duration) {
		Objects.requireNonNull(duration, "duration");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Timeout duration must not be negative, was: " + duration);
		}
		DefaultGreenThread<?> owner = Blocking.currentGreenThread();
		if (owner == null) {
			throw new IllegalStateException(
					"GreenTimeout limits green threads; thread '" + Thread.currentThread().getName() + "' is not one");
		}
		return owner;
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

	/**
	 * Returns whether this timeout is still to fire: it has been neither closed nor
	 * thrown yet. A timeout whose time has run out stays pending until its owner reaches
	 * a green wait, which throws it. Returns at once; any thread may ask.
	 * @return whether it is pending
	 */
	public boolean isPending() {
		return this.state == PENDING;
	}

	private long nanosLeft() {
		return this.deadline - System.nanoTime();
	}

	/**
	 * Cancels the time limit. An expiry not yet thrown is dropped: the block ended first.
	 * Returns at once.
	 */
	@Override
	public void close() {
		this.state = CANCELLED;
		this.owner.removeTimeout(this.limit);
	}

	@Override
	public String toString() {
		return "GreenTimeout of " + this.duration + " on " + this.owner.name();
	}

	/**
	 * This timeout as the owner's waits see it; every method but {@code isPending} is
	 * called by the owner only.
	 */
	private final class Limit implements TimeLimit {

		@Override
		public boolean isPending() {
			return GreenTimeout.this.isPending();
		}

		@Override
		public long nanosLeft() {
			return GreenTimeout.this.nanosLeft();
		}

		/**
		 * Throws the timeout's exception if it expired and has not been thrown yet;
		 * called by the owner at each wait.
		 */
		@Override
		public void deliver() {
			GreenTimeout timeout = GreenTimeout.this;
			if (timeout.state == PENDING && timeout.isExpired()) {
				timeout.state = FIRED;
				RuntimeException ex = (timeout.exception != null)
						? Objects.requireNonNull(timeout.exception.get(),
								"The exception supplier of " + timeout + " returned null")
						: new GreenTimeoutException(timeout);
				timeout.thrown = ex;
				throw ex;
			}
		}

		@Override
		public boolean threw(Throwable ex) {
			return GreenTimeout.this.thrown == ex;
		}

		/**
		 * Makes a timeout whose exception was thrown but not acted on (the wait had been
		 * granted) pending again, to be thrown at the owner's next wait.
		 */
		@Override
		public void redeliver() {
			if (GreenTimeout.this.state == FIRED) {
				GreenTimeout.this.state = PENDING;
			}
		}

	}

}
