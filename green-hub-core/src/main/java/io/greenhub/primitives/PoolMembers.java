package io.greenhub.primitives;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.greenhub.Green;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.GreenChildren;
import org.jspecify.annotations.Nullable;

/**
 * The threads that run a {@link GreenPool}'s functions, so that the pool can tell when it
 * is called by one of its own: a spawn into the full pool from one of them runs the
 * function on a thread that borrows the caller's room, and a {@code waitAll} from one of
 * them throws, since it would wait for itself.
 */
final class PoolMembers {

	// Added to and removed from by each member as its function starts and ends; read by
	// any thread.
	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	/**
	 * Wraps the function so that the thread that runs it is a member while it runs.
	 */
	<T extends @Nullable Object> Callable<T> member(Callable<T> function) {
		return () -> {
			Thread self = Thread.currentThread();
			this.threads.add(self);
			try {
				return function.call();
			}
			finally {
				this.threads.remove(self);
			}
		};
	}

	/**
	 * Returns whether the calling thread runs one of the pool's functions.
	 */
	boolean isCallerAMember() {
		return this.threads.contains(Thread.currentThread());
	}

	/**
	 * Runs the function on a new member that borrows the calling member's room, and
	 * waits, parking the caller, until it has ended; eventlet runs it inline. A kill of
	 * the caller while it waits kills the borrower too, and propagates. Returns the ended
	 * thread, whose outcome {@code join} reports.
	 */
	<T extends @Nullable Object> DefaultGreenThread<T> runOnBorrowedRoom(Callable<T> function) {
		DefaultGreenThread<T> borrower = GreenChildren.spawn(null, member(function));
		CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
		borrower.link((thread) -> ended.complete(null));
		try {
			Green.blockOn(ended);
		}
		catch (RuntimeException | Error ex) {
			borrower.kill();
			throw ex;
		}
		return borrower;
	}

}
