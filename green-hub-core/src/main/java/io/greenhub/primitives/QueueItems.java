package io.greenhub.primitives;

import java.util.ArrayDeque;
import java.util.Queue;

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

	int capacity() {
		return this.capacity;
	}

	void capacity(int capacity) {
		this.capacity = capacity;
	}

	boolean isUnbounded() {
		return this.capacity == Integer.MAX_VALUE;
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
