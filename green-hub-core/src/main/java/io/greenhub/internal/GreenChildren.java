package io.greenhub.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.greenhub.GreenKilledException;
import io.greenhub.GreenScope;
import io.greenhub.GreenThread;
import org.jspecify.annotations.Nullable;

/**
 * The children of one green thread, its owner: the green threads spawned as its own while
 * it runs (by itself, through a pile or pool it owns, or by a {@link GreenScope} it
 * opened), and not yet finished. An owner that ends by an exception (killed, or failed)
 * kills the children still running and waits a bounded time for them to unwind; an owner
 * that returns leaves them running, owned by no one from then on.
 *
 * <p>
 * Created by the first spawn of a child, on the spawning thread; a child removes itself
 * as it finishes, on the thread that finishes it; the owner closes the set as it ends, on
 * its own thread.
 */
public final class GreenChildren {

	/**
	 * How long an ending owner, or a closing scope, waits for the children it killed to
	 * unwind.
	 */
	public static final Duration UNWIND = Duration.ofSeconds(1);

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<DefaultGreenThread, @Nullable GreenChildren> CHILDREN = AtomicReferenceFieldUpdater
		.newUpdater(DefaultGreenThread.class, GreenChildren.class, "children");

	/** The closed set of an owner that had no children: it returned. */
	private static final GreenChildren RETURNED = new GreenChildren("", State.RETURNED);

	/** The closed set of an owner that had no children: it ended by an exception. */
	private static final GreenChildren ABANDONED = new GreenChildren("", State.ABANDONED);

	private final String ownerName;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private final LinkedHashSet<DefaultGreenThread<?>> running = new LinkedHashSet<>();

	// Guarded by lock.
	private State state;

	private GreenChildren(String ownerName, State state) {
		this.ownerName = ownerName;
		this.state = state;
	}

	/**
	 * Starts a green thread that calls the function as a child of the owner, on the hub a
	 * spawn from the calling thread uses; with no owner, as a child of the calling green
	 * thread, if it is one.
	 */
	public static <T extends @Nullable Object> DefaultGreenThread<T> spawn(@Nullable DefaultGreenThread<?> owner,
			Callable<T> function) {
		return Hubs.forSpawn().spawn(function, (owner != null) ? owner : DefaultGreenThread.current());
	}

	/**
	 * Returns the set of the owner's children that a new child joins, made on the first
	 * call. Called by the spawning thread.
	 */
	static GreenChildren of(DefaultGreenThread<?> owner) {
		GreenChildren children = owner.children;
		if (children == null) {
			GreenChildren made = new GreenChildren(owner.name(), State.OPEN);
			// a failed compare-and-set means another thread set the field
			children = CHILDREN.compareAndSet(owner, null, made) ? made : Objects.requireNonNull(owner.children);
		}
		return children;
	}

	String ownerName() {
		return this.ownerName;
	}

	/**
	 * Adds a child that has not started yet. A child of an owner that has already ended
	 * by an exception is killed at once, so it never runs; one of an owner that returned
	 * is left alone. Called by the spawning thread.
	 */
	void adopt(DefaultGreenThread<?> child) {
		State now;
		this.lock.lock();
		try {
			now = this.state;
			if (now == State.OPEN) {
				this.running.add(child);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (now == State.ABANDONED) {
			child.kill(ownerEnded());
			child.hub().childKilled();
		}
	}

	/**
	 * Removes a child that finished. Called by the thread that finishes it.
	 */
	void finished(DefaultGreenThread<?> child) {
		if (this == RETURNED || this == ABANDONED) {
			return;
		}
		this.lock.lock();
		try {
			this.running.remove(child);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes the owner's set as the owner ends: if it ends by an exception, kills the
	 * children still running and waits at most {@link #UNWIND} for them. Called by the
	 * owner's own thread, after its function, before its outcome is set; kills and
	 * interrupts do not end this wait.
	 */
	static void ownerEnding(DefaultGreenThread<?> owner, boolean abandoned) {
		GreenChildren closed = abandoned ? ABANDONED : RETURNED;
		GreenChildren children = owner.children;
		if (children == null && CHILDREN.compareAndSet(owner, null, closed)) {
			return;
		}
		children = owner.children;
		if (children == null || children == RETURNED || children == ABANDONED) {
			return;
		}
		List<DefaultGreenThread<?>> left;
		children.lock.lock();
		try {
			children.state = abandoned ? State.ABANDONED : State.RETURNED;
			left = new ArrayList<>(children.running);
			children.running.clear();
		}
		finally {
			children.lock.unlock();
		}
		if (abandoned) {
			killAndAwait(left, children.ownerEnded());
		}
	}

	/**
	 * Kills the owner's children still running, keeping the set open for later spawns,
	 * and waits at most {@link #UNWIND} for them. Called by the owner's own thread.
	 * @return how many it killed
	 */
	public static int killRunning(DefaultGreenThread<?> owner, Throwable cause) {
		GreenChildren children = owner.children;
		if (children == null || children == RETURNED || children == ABANDONED) {
			return 0;
		}
		List<DefaultGreenThread<?>> left;
		children.lock.lock();
		try {
			left = new ArrayList<>(children.running);
			children.running.clear();
		}
		finally {
			children.lock.unlock();
		}
		return left.isEmpty() ? 0 : killAndAwait(left, cause);
	}

	private GreenKilledException ownerEnded() {
		return new GreenKilledException("Its owner '" + this.ownerName + "' ended by an exception", null);
	}

	/**
	 * Kills the threads that have not finished, counts them as children killed, and waits
	 * at most {@link #UNWIND} for them to finish; on an event loop does not wait. Kills
	 * and interrupts of the calling thread do not end the wait.
	 * @return how many it killed
	 */
	static int killAndAwait(List<? extends DefaultGreenThread<?>> threads, Throwable cause) {
		int killed = 0;
		for (DefaultGreenThread<?> thread : threads) {
			if (thread.isDone()) {
				continue;
			}
			boolean reached;
			try {
				reached = thread.kill(cause);
			}
			catch (IllegalStateException ex) {
				// killed already, by someone else
				reached = false;
			}
			if (reached) {
				killed++;
				thread.hub().childKilled();
			}
		}
		if (!Blocking.isEventLoopThread()) {
			awaitUninterruptibly(threads, System.nanoTime() + UNWIND.toNanos());
		}
		return killed;
	}

	/**
	 * Waits until every thread has finished or the deadline passes, ignoring kills and
	 * interrupts.
	 */
	public static void awaitUninterruptibly(List<? extends GreenThread<?>> threads, long deadline) {
		Thread waiter = Thread.currentThread();
		boolean interrupted = false;
		Consumer<GreenThread<?>> wake = (ended) -> LockSupport.unpark(waiter);
		for (GreenThread<?> thread : threads) {
			linkRaw(thread, wake);
		}
		try {
			for (GreenThread<?> thread : threads) {
				while (!thread.isDone()) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						return;
					}
					interrupted |= Thread.interrupted();
					LockSupport.parkNanos(thread, left);
				}
			}
		}
		finally {
			interrupted |= Thread.interrupted();
			if (interrupted && DefaultGreenThread.current() == null) {
				// a platform thread keeps its interrupt; a green thread's was its kill,
				// which stays pending
				waiter.interrupt();
			}
			for (GreenThread<?> thread : threads) {
				thread.unlink(wake);
			}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void linkRaw(GreenThread<?> thread, Consumer<GreenThread<?>> listener) {
		((GreenThread) thread).link(listener);
	}

	private enum State {

		OPEN, RETURNED, ABANDONED

	}

}
