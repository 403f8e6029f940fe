package io.greenhub.primitives;

import java.util.ArrayDeque;
import java.util.Queue;

import io.greenhub.spi.QueueStore;
import org.jspecify.annotations.Nullable;

/**
 * The items a {@link GreenQueue} holds, in its order, and the capacity that bounds them;
 * guarded by the queue's lock. The capacity may change while items are held: shrinking it
 * below their number keeps them all, and only refuses room until they are fewer.
 */
final class QueueItems<T> {

	private final Queue<T> items;

	private final boolean lifo;

	// Written under the queue's lock; read by any thread.
	private volatile int capacity;

	QueueItems(String name, int capacity, boolean lifo, Queue<T> items) {
		this.capacity = checkCapacity(name, capacity);
		this.lifo = lifo;
		this.items = items;
	}

	static int checkCapacity(String name, int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("Queue '" + name + "' capacity must not be negative, was: " + capacity);
		}
		return capacity;
	}

	/**
	 * The refusal of a resize of a queue whose items live in another store: its capacity
	 * is the store's configuration. A negative capacity is refused as a local queue
	 * refuses it.
	 */
	static UnsupportedOperationException fixedCapacity(QueueStore<?> store, int capacity) {
		checkCapacity(store.name(), capacity);
		return new UnsupportedOperationException("Queue '" + store.name() + "' lives in the store '" + store.store()
				+ "', whose capacity is its configuration");
	}

	/** What a queue's {@code toString} says of it. */
	static String describe(String name, int size, int capacity) {
		return "GreenQueue '" + name + "' (" + size + " items, capacity "
				+ ((capacity == Integer.MAX_VALUE) ? "unbounded" : capacity) + ")";
	}

	int capacity() {
		return this.capacity;
	}

	void capacity(int capacity) {
		this.capacity = capacity;
	}

	boolean hasRoom() {
		return this.items.size() < this.capacity;
	}

	/**
	 * Stores the item whether there is room or not: the caller checked, or admits a
	 * waiting put.
	 */
	void add(T item) {
		this.items.offer(item);
	}

	@Nullable T poll() {
		return this.lifo ? ((ArrayDeque<T>) this.items).pollLast() : this.items.poll();
	}

	int size() {
		return this.items.size();
	}

}
