package io.greenhub.primitives;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenScope;
import io.greenhub.GreenThread;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.GreenChildren;
import io.greenhub.internal.Outcomes;
import org.jspecify.annotations.Nullable;

/**
 * A pile of green threads whose results are read in the order they were spawned. It is
 * eventlet's {@code GreenPile}.
 *
 * <h2>Model</h2> {@link #spawn} starts a function on a green thread, through a
 * {@link GreenPool} if the pile has one; iterating the pile returns each result in spawn
 * order, waiting for it if needed, and removes it. A function that threw makes
 * {@code next()} throw its exception; the iteration can go on with the next result.
 * <pre>{@code
 * GreenPile<Quote> quotes = new GreenPile<>();
 * for (Vendor vendor : vendors) {
 *     quotes.spawn(() -> vendor.quote(item));
 * }
 * for (Quote quote : quotes) {
 *     best = best.cheaperOf(quote);
 * }
 * }</pre>
 *
 * <h2>Waiting</h2> {@code next()} parks a green thread and blocks a platform thread until
 * the next result is there; on an event loop it throws {@link IllegalStateException}. A
 * kill of the reader reaches it there; the threads of the pile go on. {@link #spawn}
 * waits only when the pile's pool is full. A spawn counts from the moment it is called: a
 * reader that reaches a spawn still waiting for room in the pool waits for it, and for
 * its result. A spawn that gives up (its caller is killed while it waits for room) is
 * skipped; if it was the last one, {@code next()} throws {@link NoSuchElementException}.
 *
 * <h2>Owner</h2> A pile created on a green thread belongs to it: the pile's threads are
 * that thread's children, whoever spawns them, and are killed if it ends by an exception
 * (see {@link GreenScope}). A pile made with {@link #shared()}, or created on any other
 * thread, belongs to no one: each of its threads is a child of the green thread that
 * spawns it, if any.
 *
 * <h2>Fairness and memory consistency</h2> Results come strictly in spawn order.
 * Everything a function did happens-before its result is returned by {@code next()}.
 *
 * <h2>Nulls</h2> Functions may return null, which {@code next()} returns.
 *
 * @param <T> the type of the results
 */
public final class GreenPile<T extends @Nullable Object> implements Iterable<T> {

	private final @Nullable GreenPool pool;

	// The green thread the pile belongs to, or null for a shared pile.
	private final @Nullable DefaultGreenThread<?> owner;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock: a future per spawn, in spawn order, completed with its thread once
	// started, or with
	// null if the spawn gave up.
	private final ArrayDeque<CompletableFuture<@Nullable DefaultGreenThread<T>>> spawns = new ArrayDeque<>();

	/**
	 * Creates a pile whose threads start at once, with no limit.
	 */
	public GreenPile() {
		this(null, DefaultGreenThread.current());
	}

	/**
	 * Creates a pile whose threads start through the pool.
	 * @param pool the pool
	 */
	public GreenPile(GreenPool pool) {
		this(Objects.requireNonNull(pool, "pool"), DefaultGreenThread.current());
	}

	private GreenPile(@Nullable GreenPool pool, @Nullable DefaultGreenThread<?> owner) {
		this.pool = pool;
		this.owner = owner;
	}

	/**
	 * Creates a pile that belongs to no green thread, whose threads start at once, with
	 * no limit.
	 * @param <T> the type of the results
	 * @return the pile
	 */
	public static <T extends @Nullable Object> GreenPile<T> shared() {
		return new GreenPile<>(null, null);
	}

	/**
	 * Creates a pile that belongs to no green thread, whose threads start through the
	 * pool.
	 * @param <T> the type of the results
	 * @param pool the pool
	 * @return the pile
	 */
	public static <T extends @Nullable Object> GreenPile<T> shared(GreenPool pool) {
		return new GreenPile<>(Objects.requireNonNull(pool, "pool"), null);
	}

	/**
	 * Starts a green thread that calls the function and adds it to the pile. Counted in
	 * the pile at once, before it waits for room in the pool.
	 * @param function the function
	 * @return the green thread
	 * @throws GreenKilledException if the caller is killed or interrupted while it waits
	 * for room
	 */
	public GreenThread<T> spawn(Callable<T> function) {
		Objects.requireNonNull(function, "function");
		CompletableFuture<@Nullable DefaultGreenThread<T>> spawn = new CompletableFuture<>();
		this.lock.lock();
		try {
			this.spawns.add(spawn);
		}
		finally {
			this.lock.unlock();
		}
		DefaultGreenThread<T> thread;
		try {
			thread = (this.pool != null) ? this.pool.spawn(function, this.owner)
					: GreenChildren.spawn(this.owner, function);
		}
		catch (RuntimeException | Error ex) {
			remove(spawn);
			spawn.complete(null);
			throw ex;
		}
		spawn.complete(thread);
		return thread;
	}

	/**
	 * Returns how many results have not been read yet, spawns still waiting for room
	 * included. Returns at once.
	 * @return the number of unread results
	 */
	public int size() {
		this.lock.lock();
		try {
			return this.spawns.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable CompletableFuture<@Nullable DefaultGreenThread<T>> first() {
		this.lock.lock();
		try {
			return this.spawns.peek();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void remove(CompletableFuture<@Nullable DefaultGreenThread<T>> spawn) {
		this.lock.lock();
		try {
			this.spawns.remove(spawn);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns an iterator that reads, and removes, the results in spawn order.
	 */
	@Override
	public Iterator<T> iterator() {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return size() > 0;
			}

			@Override
			public T next() {
				while (true) {
					CompletableFuture<@Nullable DefaultGreenThread<T>> first = first();
					if (first == null) {
						throw new NoSuchElementException("The pile is empty");
					}
					// a kill or timeout of the reader propagates from here and leaves the
					// spawn for the next read
					DefaultGreenThread<T> thread = Green.blockOn(first);
					if (thread != null) {
						return Outcomes.joinThenRemove(thread, () -> GreenPile.this.remove(first));
					}
					// a spawn that gave up, and removed itself: read the next one
				}
			}

		};
	}

}
