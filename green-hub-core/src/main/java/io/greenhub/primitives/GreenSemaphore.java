package io.greenhub.primitives;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.GreenKilledException;
import io.greenhub.internal.Rethrow;
import io.greenhub.spi.SemaphoreStore;
import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore for green threads: a number of permits that threads acquire and
 * release, waiting while none is available. It is eventlet's {@code semaphore.Semaphore},
 * and with {@link #bounded(String, int)} its {@code BoundedSemaphore}.
 *
 * <h2>Model</h2> {@link #acquire()} takes a permit, waiting until one is released if none
 * is available; {@link #release()} gives one back. A bounded semaphore refuses a release
 * that would make the permits exceed the number it was created with, which catches a
 * release without an acquire. <pre>{@code
 * GreenSemaphore database = GreenSemaphore.bounded("database", 10);
 * Row row = database.withPermit(() -> Green.blockOn(repository.find(id)));
 * }</pre>
 *
 * <table class="striped">
 * <caption>Operations</caption>
 * <tr>
 * <th>waits</th>
 * <th>never waits</th>
 * <th>waits at most</th>
 * </tr>
 * <tr>
 * <td>{@link #acquire()}, {@link #withPermit(Callable)}</td>
 * <td>{@link #tryAcquire()}, {@link #release()}, {@link #availablePermits()},
 * {@link #waiters()}</td>
 * <td>{@link #tryAcquire(Duration)}</td>
 * </tr>
 * </table>
 * The waiting forms park a green thread and block a platform thread; on an event loop
 * they throw {@link IllegalStateException} at once. The others return at once and work
 * anywhere. A thread killed or interrupted while waiting leaves with a
 * {@link GreenKilledException} and holds no permit; a permit released to it at that very
 * moment is kept by it, and the kill reaches it at its next wait, so a permit is never
 * lost.
 *
 * <h2>Fairness</h2> First come, first served: a release hands the permit straight to the
 * longest waiter, and {@link #tryAcquire()} never takes a permit ahead of a waiter.
 *
 * <h2>Memory consistency</h2> Actions of a thread before it releases a permit
 * happen-before the actions of the thread that acquires that permit after its acquire
 * returns.
 *
 * <h2>Nulls</h2> No argument may be null.
 *
 * <h2>Stores</h2> A semaphore made with {@link #of(SemaphoreStore)} keeps its permits in
 * the store, shared with other processes: each operation is the store's, every one of
 * them may make a round trip and park (so even {@link #tryAcquire()} may not run on an
 * event loop), and the store says what its fairness and its failures are.
 */
public final class GreenSemaphore {

	private static final AtomicLong unnamed = new AtomicLong();

	// Where the permits live: this JVM's (then local is the same) or another store's.
	private final SemaphoreStore store;

	private final @Nullable LocalSemaphore local;

	private GreenSemaphore(String name, int permits, int limit) {
		LocalSemaphore local = new LocalSemaphore(name, permits, limit);
		this.store = local;
		this.local = local;
	}

	private GreenSemaphore(SemaphoreStore store) {
		this.store = store;
		this.local = null;
	}

	/**
	 * Creates a semaphore whose permits live in the store: every operation is delegated
	 * to it.
	 * @param store the store
	 * @return the semaphore
	 */
	public static GreenSemaphore of(SemaphoreStore store) {
		return new GreenSemaphore(Objects.requireNonNull(store, "store"));
	}

	/**
	 * Creates a semaphore named {@code semaphore-<n>} with the given number of permits.
	 * @param permits the initial number of permits
	 */
	public GreenSemaphore(int permits) {
		this("semaphore-" + unnamed.incrementAndGet(), permits);
	}

	/**
	 * Creates a semaphore with a name, used in its exceptions and metrics.
	 * @param name the name
	 * @param permits the initial number of permits
	 */
	public GreenSemaphore(String name, int permits) {
		this(name, permits, Integer.MAX_VALUE);
	}

	/**
	 * Creates a bounded semaphore: a release that would make the permits exceed the
	 * initial number throws.
	 * @param name the name
	 * @param permits the initial and greatest number of permits
	 * @return the semaphore
	 */
	public static GreenSemaphore bounded(String name, int permits) {
		return new GreenSemaphore(name, permits, permits);
	}

	/**
	 * Returns the name of this semaphore.
	 * @return the name
	 */
	public String name() {
		return this.store.name();
	}

	/**
	 * Returns where the permits live: {@code local} for this JVM, else the store's name.
	 * Returns at once.
	 * @return the store's name
	 */
	public String store() {
		return this.store.store();
	}

	/**
	 * Takes a permit, waiting until one is available: parks a green thread, blocks a
	 * platform thread.
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public void acquire() {
		this.store.acquire(-1);
	}

	/**
	 * Takes a permit if one is available and no thread waits for one. Returns at once.
	 * @return whether a permit was taken
	 */
	public boolean tryAcquire() {
		return (this.local != null) ? this.local.tryAcquireNow() : this.store.acquire(0);
	}

	/**
	 * Takes a permit, waiting at most the given time for one.
	 * @param timeout how long to wait at most
	 * @return whether a permit was taken
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public boolean tryAcquire(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		return this.store.acquire(Math.max(0, timeout.toNanos()));
	}

	/**
	 * Gives a permit back, to the longest waiter if there is one. Returns at once.
	 * @throws IllegalStateException if the semaphore is bounded and already has all its
	 * permits
	 */
	public void release() {
		this.store.release();
	}

	/**
	 * Acquires a permit, calls the function, and releases the permit however the function
	 * ends.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return its value
	 * @throws RuntimeException the function's exception; a checked one wrapped in a
	 * {@link CompletionException}
	 * @throws GreenKilledException if the caller is killed or interrupted while it waits
	 * for the permit
	 * @throws IllegalStateException on an event loop
	 */
	public <T extends @Nullable Object> T withPermit(Callable<T> function) {
		Objects.requireNonNull(function, "function");
		acquire();
		try {
			return function.call();
		}
		catch (Exception ex) {
			throw Rethrow.unchecked(ex);
		}
		finally {
			release();
		}
	}

	/**
	 * Returns how many permits are available now. Returns at once.
	 * @return the number of available permits
	 */
	public int availablePermits() {
		return this.store.availablePermits();
	}

	/**
	 * Returns how many threads wait for a permit now. Returns at once.
	 * @return the number of waiters
	 */
	public int waiters() {
		return this.store.waiters();
	}

	/**
	 * Returns whether this semaphore refuses releases beyond its initial permits.
	 * @return whether it is bounded
	 */
	public boolean isBounded() {
		return this.store.isBounded();
	}

	@Override
	public String toString() {
		if (this.local != null) {
			return this.local.toString();
		}
		// a store's permits are not shown here, as before its semaphore was split
		return "GreenSemaphore '" + name() + "' (0 available, " + waiters() + " waiting)";
	}

}
