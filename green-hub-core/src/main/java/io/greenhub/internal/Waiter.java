package io.greenhub;

import org.jspecify.annotations.Nullable;

/**
 * A thread waiting in a primitive's FIFO wait list, and what it is given when its turn comes: a
 * node of {@link WaitList}, whose links are guarded by the primitive's lock.
 */
final class Waiter<T> {

	final Thread thread = Thread.currentThread();

	// Written under the primitive's lock, before granted is set: what the waiter is given (a
	// queue item), or what it brings (the item of a waiting put).
	@Nullable T item;

	// Set under the primitive's lock by the thread that serves this waiter; read by the waiter.
	volatile boolean granted;

	// Guarded by the primitive's lock.
	@Nullable Waiter<T> previous;

	@Nullable Waiter<T> next;

	boolean linked;

	Waiter(@Nullable T item) {
		this.item = item;
	}

}
