package io.greenhub.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.GreenTimeout;
import org.jspecify.annotations.Nullable;

/**
 * The waiters of a primitive, first come first served, and the protocol by which they
 * wait.
 *
 * <p>
 * Every field is guarded by the primitive's lock, which is held only for a few field
 * updates and never while parking. A waiter parks until it is granted, so a serving
 * thread hands a permit or an item straight to the first waiter: nothing is lost or given
 * twice. A waiter that gives up (its time ran out, or it was killed) removes itself under
 * the lock, unless it was granted first, in which case it keeps the grant.
 */
public final class WaitList<T> {

	private final ReentrantLock lock;

	private @Nullable Waiter<T> head;

	private @Nullable Waiter<T> tail;

	private int size;

	public WaitList(ReentrantLock lock) {
		this.lock = lock;
	}

	public boolean isEmpty() {
		return this.head == null;
	}

	public int size() {
		return this.size;
	}

	public @Nullable Waiter<T> peek() {
		return this.head;
	}

	public void add(Waiter<T> waiter) {
		waiter.previous = this.tail;
		waiter.next = null;
		if (this.tail != null) {
			this.tail.next = waiter;
		}
		else {
			this.head = waiter;
		}
		this.tail = waiter;
		waiter.linked = true;
		this.size++;
	}

	public void remove(Waiter<T> waiter) {
		if (!waiter.linked) {
			return;
		}
		if (waiter.previous != null) {
			waiter.previous.next = waiter.next;
		}
		else {
			this.head = waiter.next;
		}
		if (waiter.next != null) {
			waiter.next.previous = waiter.previous;
		}
		else {
			this.tail = waiter.previous;
		}
		waiter.previous = null;
		waiter.next = null;
		waiter.linked = false;
		this.size--;
	}

	/**
	 * Returns the number of waiters, taking the lock: for callers outside it.
	 */
	public int sizeLocked() {
		this.lock.lock();
		try {
			return this.size;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Grants the item to every waiter, in order; called under the lock.
	 */
	public void grantAll(@Nullable T item) {
		while (grantFirst(item) != null) {
			// every waiter is served
		}
	}

	/**
	 * Removes the first waiter, grants it the item, and wakes it; called under the lock.
	 */
	public @Nullable Waiter<T> grantFirst(@Nullable T item) {
		Waiter<T> first = this.head;
		if (first != null) {
			remove(first);
			grant(first, item);
		}
		return first;
	}

	public static <T> void grant(Waiter<T> waiter, @Nullable T item) {
		waiter.item = item;
		waiter.granted = true;
		LockSupport.unpark(waiter.thread);
	}

	/**
	 * Waits, outside the lock, until the waiter is granted or {@code nanos} have passed
	 * (forever if negative). Returns whether it was granted. A kill, an interrupt or a
	 * {@link GreenTimeout} that ends the wait removes the waiter and propagates, unless
	 * the waiter was granted first: then it keeps the grant and the kill or timeout is
	 * delivered at its next wait.
	 */
	public boolean await(Waiter<T> waiter, long nanos, Object blocker) {
		long deadline = (nanos >= 0) ? System.nanoTime() + nanos : 0L;
		try {
			while (!waiter.granted) {
				if (nanos < 0) {
					Blocking.park(blocker);
				}
				else {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						return !cancel(waiter);
					}
					Blocking.parkNanos(blocker, left);
				}
			}
			return true;
		}
		catch (RuntimeException ex) {
			if (cancel(waiter) || !Blocking.isInterruption(ex)) {
				throw ex;
			}
			Blocking.redeliverLater(ex);
			return true;
		}
		catch (Error ex) {
			// an Error: the waiter must not stay linked
			cancel(waiter);
			throw ex;
		}
	}

	/**
	 * Removes the waiter unless it has been granted; returns whether it was removed.
	 */
	private boolean cancel(Waiter<T> waiter) {
		this.lock.lock();
		try {
			if (waiter.granted) {
				return false;
			}
			remove(waiter);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

}
