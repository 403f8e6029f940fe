package io.greenhub;

import java.io.Serial;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.greenhub.primitives.GreenPile;
import io.greenhub.primitives.GreenPool;
import org.jspecify.annotations.Nullable;

/**
 * A scope of green threads: the threads forked in it are children of the thread that
 * opened it, its <em>owner</em>, and none outlives the scope. It is the JDK's
 * {@code StructuredTaskScope} (a preview in JDK 25) for green threads, and Kotlin's
 * {@code coroutineScope}.
 *
 * <h2>Model</h2> The owner opens a scope, {@linkplain #fork forks} green threads in it,
 * {@linkplain #join joins} them, and closes it, in a try-with-resources block:
 * <pre>{@code
 * try (GreenScope scope = GreenScope.open()) {
 *     GreenThread<Price> price = scope.fork(() -> prices.of(item));
 *     GreenThread<Stock> stock = scope.fork(() -> stocks.of(item));
 *     scope.join();                              // parks until both are done; throws if one failed
 *     return new Offer(price.join(), stock.join());
 * }
 * }</pre>
 * <ul>
 * <li>An exception in a forked thread reaches the owner as the scope's {@link Policy}
 * says: {@link Policy#FAIL_FAST} (the JDK's {@code Joiner.allSuccessfulOrThrow()}, the
 * default) kills the other threads at the first failure; {@link Policy#COLLECT} lets them
 * all finish. Either way {@link #join()} throws a {@link FailedException} whose cause is
 * the first failure, the others suppressed in it.</li>
 * <li>Leaving the scope ({@link #close()}) does to the threads still running what its
 * {@link Exit} says: {@link Exit#KILL} (the default, as the JDK's scope) kills them and
 * waits at most one second for them to unwind; {@link Exit#JOIN} waits for them.</li>
 * <li>Killing the owner kills the scope's threads, wherever the owner is: they are its
 * children.</li>
 * </ul>
 *
 * <h2>Children without a scope</h2> Every green thread that a green thread spawns, with
 * {@link Green#spawn(Callable)} or through a {@link GreenPile} or {@link GreenPool} it
 * created, is its child, scope or not. An owner that ends by an exception (it is killed,
 * as the handler of a cancelled or timed-out request is, or it fails) kills the children
 * still running and waits at most one second for them, before its own outcome is set; so
 * a request's handler is a scope without saying so. An owner that returns a value leaves
 * them running: a handler may hand work off and answer. A thread that belongs to no one
 * is explicit: {@link Green#spawnDetached(Callable)}, or a pile or pool made
 * {@linkplain GreenPool#shared(String, int) shared}. Children killed this way, and by
 * scopes, are counted by {@link GreenHub#childrenKilledCount()};
 * {@link GreenThreadInfo#owner()} names the owner.
 *
 * <h2>Threads</h2> {@link #fork} returns at once and may be called from any thread until
 * the scope closes. {@link #join()} and {@link #close()} are for the owner: they park a
 * green thread and block a platform thread; on an event loop {@code join} throws
 * {@link IllegalStateException} and {@code close} kills without waiting. A kill of the
 * owner in {@code join} ends the wait with a {@link GreenKilledException}; the
 * {@code close} that follows kills the threads. A scope opened on a thread that is not
 * green has no owner to kill, and works otherwise the same.
 *
 * <h2>Memory consistency</h2> Everything a forked thread did happens-before {@code join}
 * returns or throws.
 */
public final class GreenScope implements AutoCloseable {

	private final Exit exit;

	private final ScopeThreads threads;

	private GreenScope(Policy policy, Exit exit) {
		Objects.requireNonNull(policy, "policy");
		this.exit = Objects.requireNonNull(exit, "exit");
		this.threads = new ScopeThreads(policy);
	}

	/**
	 * Opens a fail-fast scope that kills its unfinished threads on close, owned by the
	 * calling thread. Returns at once.
	 * @return the scope
	 */
	public static GreenScope open() {
		return new GreenScope(Policy.FAIL_FAST, Exit.KILL);
	}

	/**
	 * Opens a scope with the policy that kills its unfinished threads on close.
	 * @param policy what a failure of a forked thread does
	 * @return the scope
	 */
	public static GreenScope open(Policy policy) {
		return new GreenScope(policy, Exit.KILL);
	}

	/**
	 * Opens a scope with the policy and exit.
	 * @param policy what a failure of a forked thread does
	 * @param exit what closing does to the forked threads still running
	 * @return the scope
	 */
	public static GreenScope open(Policy policy, Exit exit) {
		return new GreenScope(policy, exit);
	}

	/**
	 * Starts a green thread in this scope that calls the function: a child of the owner,
	 * on the hub {@link Green#spawn(Callable)} would choose. Returns at once.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws IllegalStateException if the scope is closed
	 */
	public <T extends @Nullable Object> GreenThread<T> fork(Callable<T> function) {
		Objects.requireNonNull(function, "function");
		return this.threads.fork(function);
	}

	/**
	 * Waits until every thread forked so far has finished; under
	 * {@link Policy#FAIL_FAST}, until the first failure and then at most one second for
	 * the others, which it killed, to unwind. Parks a green owner, blocks a platform
	 * thread.
	 * @throws FailedException if a forked thread failed: the first failure is its cause,
	 * the later ones suppressed; a failure is reported once
	 * @throws GreenKilledException if the owner is killed or interrupted while it waits
	 * @throws IllegalStateException if called by a thread that is not the owner, or on an
	 * event loop
	 */
	public void join() {
		this.threads.join();
	}

	/**
	 * Closes the scope: no more threads may be forked, and those still running are killed
	 * (with {@link Exit#KILL}, waiting at most one second for them to unwind) or waited
	 * for (with {@link Exit#JOIN}; if the owner is killed meanwhile, they are killed). A
	 * second call returns at once.
	 * @throws FailedException with {@link Exit#JOIN}, if a forked thread failed and
	 * {@link #join()} has not reported it
	 * @throws IllegalStateException if called by a thread that is not the owner
	 */
	@Override
	public void close() {
		if (!this.threads.close()) {
			return;
		}
		if (this.exit == Exit.JOIN) {
			try {
				join();
			}
			catch (RuntimeException ex) {
				this.threads.killRemaining();
				throw ex;
			}
		}
		else {
			this.threads.killRemaining();
		}
	}

	@Override
	public String toString() {
		return this.threads.toString();
	}

	/**
	 * What a failure of a forked thread does: the JDK's {@code Joiner} policies that
	 * green-hub has.
	 */
	public enum Policy {

		/**
		 * The first failure kills the scope's other threads and ends {@link #join()}: the
		 * JDK's {@code Joiner.allSuccessfulOrThrow()}.
		 */
		FAIL_FAST,

		/**
		 * Every thread finishes; {@link #join()} then reports all failures: the JDK's
		 * {@code Joiner.awaitAll()}, with the failures kept.
		 */
		COLLECT

	}

	/**
	 * What {@link #close()} does to the threads of the scope still running.
	 */
	public enum Exit {

		/**
		 * Kills them and waits at most one second for them to unwind: the JDK's
		 * {@code close}.
		 */
		KILL,

		/** Waits for them, as Kotlin's {@code coroutineScope} does. */
		JOIN

	}

	/**
	 * Thrown by {@link #join()} when threads of the scope failed: the JDK's
	 * {@code StructuredTaskScope.FailedException}. Its cause is the first failure; the
	 * later ones are suppressed in it.
	 */
	public static final class FailedException extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		FailedException(Throwable cause) {
			super("A green thread of the scope failed: " + cause, cause);
		}

	}

}
