package io.greenhub.primitives;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenScope;
import io.greenhub.GreenThread;
import io.greenhub.internal.Blocking;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.GreenChildren;
import io.greenhub.internal.Outcomes;
import org.jspecify.annotations.Nullable;

/**
 * A limit on how many green threads run at once: spawning through a full pool waits until
 * one of its threads ends. It is eventlet's {@code GreenPool}.
 *
 * <h2>Model</h2> A pool has a size. {@link #spawn} starts a green thread (with
 * {@link Green#spawn}'s choice of hub) when fewer than {@code size} of its threads run,
 * and otherwise parks the caller first. A thread that ends, however it ends, makes room:
 * an exception in one task reaches whoever asks for its result, and never poisons the
 * pool. <pre>{@code
 * GreenPool crawlers = new GreenPool("crawlers", 20);
 * for (String page : crawlers.imap(this::fetch, urls)) {   // at most 20 fetches at once, in order
 *     index(page);
 * }
 * }</pre>
 *
 * <table class="striped">
 * <caption>Operations</caption>
 * <tr>
 * <th>may wait</th>
 * <th>never waits</th>
 * </tr>
 * <tr>
 * <td>{@link #spawn}, {@link #spawnN}, {@link #waitAll()}, iterating {@link #imap}</td>
 * <td>{@link #resize}, {@link #running()}, {@link #free()}, {@link #waiters()}</td>
 * </tr>
 * </table>
 * The waiting forms park a green thread and block a platform thread; on an event loop
 * they throw {@link IllegalStateException} at once. A thread killed or interrupted while
 * it waits to spawn leaves with a {@link GreenKilledException} and spawns nothing. The
 * pool's own threads never wait for its room ({@link #spawn} tells how) and may not call
 * {@link #waitAll()}.
 *
 * <h2>Owner</h2> A pool created on a green thread belongs to it: the pool's threads are
 * that thread's children, whoever spawns them, and are killed if it ends by an exception
 * (see {@link GreenScope}). A pool made with {@link #shared(String, int)}, or created on
 * any other thread (a Spring bean, for instance), belongs to no one: each of its threads
 * is a child of the green thread that spawns it, if any.
 *
 * <h2>Fairness</h2> Callers waiting to spawn get room in the order they began to wait.
 *
 * <h2>Memory consistency</h2> Actions of a thread before {@code spawn} happen-before the
 * spawned function runs.
 *
 * <h2>Nulls</h2> No argument may be null; functions may return null.
 */
public final class GreenPool {

	private static final AtomicLong unnamed = new AtomicLong();

	private final String name;

	// The green thread the pool belongs to, or null for a shared pool.
	private final @Nullable DefaultGreenThread<?> owner;

	private final PoolMembers members = new PoolMembers();

	private final PoolSlots slots;

	/**
	 * Creates a pool named {@code pool-<n>}.
	 * @param size how many of its green threads may run at once
	 */
	public GreenPool(int size) {
		this("pool-" + unnamed.incrementAndGet(), size);
	}

	/**
	 * Creates a pool.
	 * @param name the name, used in exceptions and metrics
	 * @param size how many of its green threads may run at once
	 */
	public GreenPool(String name, int size) {
		this(name, size, DefaultGreenThread.current());
	}

	private GreenPool(String name, int size, @Nullable DefaultGreenThread<?> owner) {
		this.name = Objects.requireNonNull(name, "name");
		this.slots = new PoolSlots(name, size, this, this.members);
		this.owner = owner;
	}

	/**
	 * Creates a pool that belongs to no green thread: one shared on purpose, by many
	 * threads.
	 * @param name the name, used in exceptions and metrics
	 * @param size how many of its green threads may run at once
	 * @return the pool
	 */
	public static GreenPool shared(String name, int size) {
		return new GreenPool(name, size, null);
	}

	/**
	 * Returns the name of this pool.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Starts a green thread that calls the function, first waiting for room if the pool
	 * is full.
	 *
	 * <p>
	 * Called by one of this pool's own threads while the pool is full, it does not wait
	 * for room (which could be room its caller holds): as eventlet runs the function
	 * inline, it runs the function at once on a new green thread that borrows the
	 * caller's room, parks the caller until that thread has ended, and returns it ended;
	 * its {@code join} reports the outcome. A kill of the caller meanwhile kills that
	 * thread too.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws GreenKilledException if the caller is killed or interrupted while it waits
	 * for room
	 * @throws IllegalStateException on an event loop while the pool is full
	 */
	public <T extends @Nullable Object> GreenThread<T> spawn(Callable<T> function) {
		return spawn(function, null);
	}

	/**
	 * Spawns as {@link #spawn(Callable)}, as a child of the given owner if it is not
	 * null, else of this pool's owner, else of the calling green thread.
	 */
	<T extends @Nullable Object> DefaultGreenThread<T> spawn(Callable<T> function,
			@Nullable DefaultGreenThread<?> owner) {
		Objects.requireNonNull(function, "function");
		if (!this.slots.acquire()) {
			return this.members.runOnBorrowedRoom(function);
		}
		DefaultGreenThread<T> thread;
		try {
			thread = GreenChildren.spawn((owner != null) ? owner : this.owner, this.members.member(function));
		}
		catch (RuntimeException ex) {
			this.slots.release();
			throw ex;
		}
		thread.link((ended) -> this.slots.release());
		return thread;
	}

	/**
	 * Starts a green thread that runs the task, as {@link #spawn}, without keeping it.
	 * @param task the task
	 */
	public void spawnN(Runnable task) {
		Objects.requireNonNull(task, "task");
		spawn(Executors.callable(task, null));
	}

	/**
	 * Returns the function's results for the arguments, in the arguments' order, computed
	 * by green threads of this pool. Lazy: the arguments are read, and threads spawned,
	 * as the results are iterated, at most {@code size} ahead of the one being read. A
	 * failed call throws its exception from {@code next()}; the others are not affected.
	 * @param <A> the type of the arguments
	 * @param <R> the type of the results
	 * @param function the function
	 * @param arguments the arguments
	 * @return the results, in order
	 */
	public <A, R extends @Nullable Object> Iterable<R> imap(Function<? super A, ? extends R> function,
			Iterable<? extends A> arguments) {
		Objects.requireNonNull(function, "function");
		Objects.requireNonNull(arguments, "arguments");
		return () -> new Iterator<>() {

			private final Iterator<? extends A> source = arguments.iterator();

			private final ArrayDeque<DefaultGreenThread<R>> ahead = new ArrayDeque<>();

			@Override
			public boolean hasNext() {
				fill();
				return !this.ahead.isEmpty();
			}

			@Override
			public R next() {
				fill();
				DefaultGreenThread<R> first = this.ahead.peek();
				if (first == null) {
					throw new NoSuchElementException("No more arguments");
				}
				return Outcomes.joinThenRemove(first, this.ahead::poll);
			}

			private void fill() {
				while (this.ahead.size() < GreenPool.this.slots.size() && this.source.hasNext()) {
					A argument = this.source.next();
					this.ahead.add(spawn(() -> function.apply(argument), null));
				}
			}

		};
	}

	/**
	 * Waits until no thread of this pool runs.
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop, or at once if the caller is one of
	 * this pool's own threads, which would wait for itself
	 */
	public void waitAll() {
		Blocking.checkMayBlock("GreenPool.waitAll");
		if (this.members.isCallerAMember()) {
			throw new IllegalStateException("GreenPool.waitAll called on a thread of pool '" + this.name
					+ "' itself would wait for itself forever");
		}
		this.slots.awaitIdle();
	}

	/**
	 * Changes the size. Growing lets waiting spawners in at once; shrinking lets running
	 * threads finish and admits new ones only below the new size. Returns at once.
	 * @param size the new size
	 */
	public void resize(int size) {
		this.slots.resize(size);
	}

	/**
	 * Returns how many threads of this pool run now. Returns at once.
	 * @return the number of running threads
	 */
	public int running() {
		return this.slots.running();
	}

	/**
	 * Returns how many more threads could start now without waiting. Returns at once.
	 * @return the free room
	 */
	public int free() {
		return this.slots.free();
	}

	/**
	 * Returns how many callers wait to spawn now. Returns at once.
	 * @return the number of waiting spawners
	 */
	public int waiters() {
		return this.slots.waiters();
	}

	/**
	 * Returns how many callers wait to spawn now. Returns at once.
	 * @return the number of waiting spawners
	 * @deprecated since 0.1.0, for removal: {@link #waiters()}, the name every primitive
	 * uses
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	public int waiting() {
		return waiters();
	}

	@Override
	public String toString() {
		return "GreenPool '" + this.name + "' (" + running() + " running, " + waiters() + " waiting)";
	}

}
