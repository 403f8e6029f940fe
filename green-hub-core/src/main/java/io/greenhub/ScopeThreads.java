package io.greenhub;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.DefaultGreenThread;
import io.greenhub.internal.GreenChildren;
import io.greenhub.internal.Hubs;
import org.jspecify.annotations.Nullable;

/**
 * The threads of one {@link GreenScope}: those forked in it, how many still run, and the
 * failures {@link GreenScope#join()} is to report, under one lock; and what the scope's
 * policy does when one fails. Made by the owner as it opens the scope.
 */
final class ScopeThreads {

	private final GreenScope.Policy policy;

	private final Thread ownerThread;

	private final @Nullable DefaultGreenThread<?> owner;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock: added to by forking threads, read by the owner.
	private final List<DefaultGreenThread<?>> forked = new ArrayList<>();

	// Guarded by lock: added to by the forked threads as they fail, read by the owner.
	private final List<Throwable> failures = new ArrayList<>();

	// Guarded by lock: forked threads not finished.
	private int running;

	// Guarded by lock: how many of the failures join has reported.
	private int reported;

	// Guarded by lock: set once by close.
	private boolean closed;

	ScopeThreads(GreenScope.Policy policy) {
		this.policy = policy;
		this.ownerThread = Thread.currentThread();
		this.owner = DefaultGreenThread.current();
	}

	<T extends @Nullable Object> GreenThread<T> fork(Callable<T> function) {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("Green scope of '" + this.ownerThread.getName() + "' is closed");
			}
			this.running++;
		}
		finally {
			this.lock.unlock();
		}
		DefaultGreenThread<T> thread;
		try {
			thread = Hubs.forSpawn().spawn(function, this.owner);
		}
		catch (RuntimeException ex) {
			ended(null);
			throw ex;
		}
		this.lock.lock();
		try {
			this.forked.add(thread);
		}
		finally {
			this.lock.unlock();
		}
		DefaultGreenThread<T> forkedThread = thread;
		thread.link((ended) -> ended(forkedThread));
		return thread;
	}

	// Runs on the thread that ends a forked thread, or on the forking thread if it ended
	// already.
	private void ended(@Nullable DefaultGreenThread<?> thread) {
		Throwable error = (thread != null && !thread.isKilled()) ? thread.error() : null;
		List<DefaultGreenThread<?>> others = List.of();
		this.lock.lock();
		try {
			this.running--;
			if (error != null) {
				this.failures.add(error);
				if (this.policy == GreenScope.Policy.FAIL_FAST && this.failures.size() == 1) {
					others = new ArrayList<>(this.forked);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		for (DefaultGreenThread<?> other : others) {
			if (other != thread && !other.isDone()) {
				killChild(other, error);
			}
		}
		LockSupport.unpark(this.ownerThread);
	}

	private static void killChild(DefaultGreenThread<?> thread, @Nullable Throwable cause) {
		try {
			if (thread.kill(new GreenKilledException("Killed by its scope", cause))) {
				thread.hub().childKilled();
			}
		}
		catch (IllegalStateException ex) {
			// killed already, by someone else
		}
	}

	/**
	 * The body of {@link GreenScope#join()}.
	 */
	void join() {
		checkOwner("join");
		Blocking.checkMayBlock("GreenScope.join");
		for (;;) {
			this.lock.lock();
			try {
				if (this.running == 0 || (this.policy == GreenScope.Policy.FAIL_FAST && !this.failures.isEmpty())) {
					break;
				}
			}
			finally {
				this.lock.unlock();
			}
			Blocking.park(this);
		}
		if (this.policy == GreenScope.Policy.FAIL_FAST) {
			GreenChildren.awaitUninterruptibly(forked(), System.nanoTime() + GreenChildren.UNWIND.toNanos());
		}
		throwUnreported();
	}

	/**
	 * Closes the scope to forks.
	 * @return whether this call closed it, {@code false} if it was closed already
	 */
	boolean close() {
		checkOwner("close");
		this.lock.lock();
		try {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	void killRemaining() {
		List<DefaultGreenThread<?>> threads = forked();
		for (DefaultGreenThread<?> thread : threads) {
			if (!thread.isDone()) {
				killChild(thread, null);
			}
		}
		if (!Blocking.isEventLoopThread()) {
			GreenChildren.awaitUninterruptibly(threads, System.nanoTime() + GreenChildren.UNWIND.toNanos());
		}
	}

	private List<DefaultGreenThread<?>> forked() {
		this.lock.lock();
		try {
			return new ArrayList<>(this.forked);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void throwUnreported() {
		List<Throwable> unreported;
		this.lock.lock();
		try {
			unreported = new ArrayList<>(this.failures.subList(this.reported, this.failures.size()));
			this.reported = this.failures.size();
		}
		finally {
			this.lock.unlock();
		}
		if (!unreported.isEmpty()) {
			GreenScope.FailedException failed = new GreenScope.FailedException(unreported.getFirst());
			unreported.subList(1, unreported.size()).forEach(failed::addSuppressed);
			throw failed;
		}
	}

	private void checkOwner(String operation) {
		if (Thread.currentThread() != this.ownerThread) {
			throw new IllegalStateException("Only the owner of a green scope, '" + this.ownerThread.getName()
					+ "', may " + operation + " it; called by '" + Thread.currentThread().getName() + "'");
		}
	}

	@Override
	public String toString() {
		this.lock.lock();
		try {
			return "GreenScope of '" + ((this.owner != null) ? this.owner.name() : this.ownerThread.getName()) + "' ("
					+ this.policy.name().toLowerCase() + ", " + this.running + " running"
					+ (this.closed ? ", closed)" : ")");
		}
		finally {
			this.lock.unlock();
		}
	}

}
