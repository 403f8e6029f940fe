package io.greenhub.primitives;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.WaitList;
import io.greenhub.internal.Waiter;
import io.greenhub.spi.SemaphoreStore;

/**
 * The permits of a {@link GreenSemaphore} of this JVM, and the threads waiting for one:
 * the store of a semaphore that has no other. The permits are written under the lock,
 * held for a few updates and never while parking, and read without it; the waiting is
 * {@link WaitList}'s, and a release hands its permit straight to the longest waiter.
 */
final class LocalSemaphore implements SemaphoreStore {

	private final String name;

	private final int limit;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private final WaitList<Object> waiters = new WaitList<>(this.lock);

	// Written under lock; read by anyone. Never positive while there are waiters.
	private volatile int permits;

	LocalSemaphore(String name, int permits, int limit) {
		this.name = Objects.requireNonNull(name, "name");
		if (permits < 0) {
			throw new IllegalArgumentException(
					"Semaphore '" + name + "' permits must not be negative, was: " + permits);
		}
		this.permits = permits;
		this.limit = limit;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "local";
	}

	/** Takes a permit if one is available and no thread waits for one. Never waits. */
	boolean tryAcquireNow() {
		this.lock.lock();
		try {
			return takeAvailable();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean acquire(long nanos) {
		Blocking.checkMayBlock("GreenSemaphore.acquire");
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			if (takeAvailable()) {
				return true;
			}
			if (nanos == 0) {
				return false;
			}
			this.waiters.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		return this.waiters.await(waiter, nanos, this);
	}

	// Under lock.
	private boolean takeAvailable() {
		if (this.permits > 0) {
			this.permits--;
			return true;
		}
		return false;
	}

	@Override
	public void release() {
		this.lock.lock();
		try {
			if (this.waiters.grantFirst(null) != null) {
				return;
			}
			if (this.permits >= this.limit) {
				throw new IllegalStateException("Semaphore '" + this.name + "' is bounded to " + this.limit
						+ " permits and has them all; a release without an acquire?");
			}
			this.permits++;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int availablePermits() {
		return this.permits;
	}

	@Override
	public int waiters() {
		return this.waiters.sizeLocked();
	}

	@Override
	public boolean isBounded() {
		return this.limit != Integer.MAX_VALUE;
	}

	// as the semaphore's own: what a thread waiting in it is shown waiting on
	@Override
	public String toString() {
		return "GreenSemaphore '" + this.name + "' (" + this.permits + " available, " + waiters() + " waiting)";
	}

}
