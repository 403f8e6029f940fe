package io.greenhub.primitives;

import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.WaitList;
import io.greenhub.internal.Waiter;

/**
 * The room of a {@link GreenPool}: its size, the threads running in it, the callers
 * waiting for room in the order they came, and those waiting for the pool to be idle.
 * Every field is guarded by the lock, held for a few updates and never while parking.
 */
final class PoolSlots {

	private final String name;

	// What a thread waiting for room is shown waiting on: the pool.
	private final Object pool;

	private final PoolMembers members;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private final WaitList<Object> spawners = new WaitList<>(this.lock);

	private final WaitList<Object> idleWaiters = new WaitList<>(this.lock);

	private int size;

	private int running;

	PoolSlots(String name, int size, Object pool, PoolMembers members) {
		this.name = name;
		this.size = checkSize(size);
		this.pool = pool;
		this.members = members;
	}

	private int checkSize(int size) {
		if (size < 1) {
			throw new IllegalArgumentException("Pool '" + this.name + "' size must be positive, was: " + size);
		}
		return size;
	}

	/**
	 * Takes room for a thread, waiting for it if needed; returns {@code false} without
	 * waiting when the pool is full and the caller is one of the pool's own threads,
	 * which must not wait for room it may hold itself.
	 */
	boolean acquire() {
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			if (this.running < this.size && this.spawners.isEmpty()) {
				this.running++;
				return true;
			}
			if (this.members.isCallerAMember()) {
				return false;
			}
			Blocking.checkMayBlock("GreenPool.spawn into a full pool");
			this.spawners.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		this.spawners.await(waiter, -1, this.pool);
		return true;
	}

	/**
	 * Gives back the room of a thread that ended; called by the thread that ends it.
	 */
	void release() {
		this.lock.lock();
		try {
			this.running--;
			admit();
			if (this.running == 0) {
				this.idleWaiters.grantAll(null);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	// Under lock: hands free slots to waiting spawners, first come first served.
	private void admit() {
		while (this.running < this.size && !this.spawners.isEmpty()) {
			this.running++;
			this.spawners.grantFirst(null);
		}
	}

	/**
	 * Waits until no thread runs in the pool.
	 */
	void awaitIdle() {
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			if (this.running == 0) {
				return;
			}
			this.idleWaiters.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		this.idleWaiters.await(waiter, -1, this.pool);
	}

	void resize(int size) {
		this.lock.lock();
		try {
			this.size = checkSize(size);
			admit();
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		this.lock.lock();
		try {
			return this.size;
		}
		finally {
			this.lock.unlock();
		}
	}

	int running() {
		this.lock.lock();
		try {
			return this.running;
		}
		finally {
			this.lock.unlock();
		}
	}

	int free() {
		this.lock.lock();
		try {
			return Math.max(0, this.size - this.running);
		}
		finally {
			this.lock.unlock();
		}
	}

	int waiters() {
		return this.spawners.sizeLocked();
	}

}
