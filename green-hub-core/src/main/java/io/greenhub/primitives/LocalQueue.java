package io.greenhub.primitives;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.WaitList;
import io.greenhub.internal.Waiter;
import io.greenhub.spi.QueueStore;
import org.jspecify.annotations.Nullable;

/**
 * The items of a {@link GreenQueue} of this JVM, and the threads waiting to put and take
 * them: the store of a queue that has no other. Every field is guarded by the lock, held
 * for a few updates and never while parking; the waiting is {@link WaitList}'s.
 */
final class LocalQueue<T> implements QueueStore<T> {

	private static final Object CLOSED = new Object();

	private final String name;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private final QueueItems<T> items;

	private final WaitList<Object> takers = new WaitList<>(this.lock);

	private final WaitList<Object> putters = new WaitList<>(this.lock);

	private final QueueTasks tasks = new QueueTasks(this.lock);

	// Written under lock; read by any thread.
	private volatile boolean closed;

	LocalQueue(String name, int capacity, boolean lifo, Queue<T> items) {
		this.name = Objects.requireNonNull(name, "name");
		this.items = new QueueItems<>(name, capacity, lifo, items);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "local";
	}

	@Override
	public int capacity() {
		return this.items.capacity();
	}

	void resize(int capacity) {
		QueueItems.checkCapacity(this.name, capacity);
		this.lock.lock();
		try {
			this.items.capacity(capacity);
			while (this.items.hasRoom() && !this.putters.isEmpty()) {
				admit(Objects.requireNonNull(this.putters.peek()));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Inserts the item if that needs no wait; returns {@code false} when closed. Never
	 * waits.
	 */
	boolean offerNow(T item) {
		this.lock.lock();
		try {
			return !this.closed && insertNow(item);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean insert(T item, long nanos) {
		Blocking.checkMayBlock("GreenQueue.put");
		Waiter<Object> waiter = new Waiter<>(item);
		this.lock.lock();
		try {
			checkOpen();
			if (insertNow(item)) {
				return true;
			}
			if (nanos == 0) {
				return false;
			}
			this.putters.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		if (!this.putters.await(waiter, nanos, this)) {
			return false;
		}
		if (waiter.item() == CLOSED) {
			throw closedException("closed while a put waited");
		}
		return true;
	}

	// Under lock: hands the item to a waiting taker or stores it, if either needs no
	// wait.
	private boolean insertNow(T item) {
		if (this.takers.grantFirst(item) == null) {
			if (!this.items.hasRoom()) {
				return false;
			}
			this.items.add(item);
		}
		this.tasks.added();
		return true;
	}

	/**
	 * Removes an item if one is there, or a waiting put's. Never waits.
	 */
	@Nullable T pollNow() {
		this.lock.lock();
		try {
			return removeNow();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable T remove(long nanos) {
		Blocking.checkMayBlock("GreenQueue.take");
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			T item = removeNow();
			if (item != null) {
				return item;
			}
			if (this.closed) {
				throw closedException("closed and empty");
			}
			if (nanos == 0) {
				return null;
			}
			this.takers.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		if (!this.takers.await(waiter, nanos, this)) {
			return null;
		}
		if (waiter.item() == CLOSED) {
			throw closedException("closed and empty");
		}
		return (T) waiter.item();
	}

	// Under lock: takes a stored item, or a waiting put's item, and lets the next put in
	// if there is room.
	@SuppressWarnings("unchecked")
	private @Nullable T removeNow() {
		T item = this.items.poll();
		Waiter<Object> putter = this.putters.peek();
		if (putter != null && item == null) {
			this.putters.remove(putter);
			this.tasks.added();
			WaitList.grant(putter, putter.item());
			return (T) putter.item();
		}
		if (putter != null && this.items.hasRoom()) {
			admit(putter);
		}
		return item;
	}

	// Under lock: stores the first waiting put's item and lets it return.
	@SuppressWarnings("unchecked")
	private void admit(Waiter<Object> putter) {
		this.putters.remove(putter);
		// a put's waiter always carries its item
		this.items.add((T) Objects.requireNonNull(putter.item()));
		this.tasks.added();
		WaitList.grant(putter, putter.item());
	}

	@Override
	public void taskDone() {
		this.lock.lock();
		try {
			this.tasks.done(this.name);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void join() {
		Blocking.checkMayBlock("GreenQueue.join");
		this.tasks.await(this);
	}

	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			while (this.putters.grantFirst(CLOSED) != null || this.takers.grantFirst(CLOSED) != null) {
				// every waiting put fails, and so does every waiting take: the queue is
				// empty
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public int size() {
		this.lock.lock();
		try {
			return this.items.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int waiters() {
		return this.takers.sizeLocked();
	}

	private void checkOpen() {
		if (this.closed) {
			throw closedException("closed");
		}
	}

	private GreenQueueClosedException closedException(String state) {
		return new GreenQueueClosedException("Queue '" + this.name + "' is " + state);
	}

	// as the queue's own: what a thread waiting in it is shown waiting on
	@Override
	public String toString() {
		return QueueItems.describe(this.name, size(), capacity());
	}

}
