package io.greenhub.internal;

import org.jspecify.annotations.Nullable;

/**
 * A thread waiting in a primitive's FIFO wait list, and what it is given when its turn
 * comes: a node of {@link WaitList}, whose links are guarded by the primitive's lock.
 */
public final class Waiter<T> {

	final Thread thread = Thread.currentThread();

	// Written under the primitive's lock, before granted is set: what the waiter is given
	// (a
	// queue item), or what it brings (the item of a waiting put).
	@Nullable T item;

	// Set under the primitive's lock by the thread that serves this waiter; read by the
	// waiter.
	volatile boolean granted;

	// Guarded by the primitive's lock.
	@Nullable Waiter<T> previous;

	@Nullable Waiter<T> next;

	boolean linked;

	/**
	 * Makes the waiter of the calling thread.
	 * @param item what it brings (the item of a waiting put), or {@code null}
	 */
	public Waiter(@Nullable T item) {
		this.item = item;
	}

	/**
	 * Returns what the waiter was given, once granted, or what it brings until then.
	 * @return the item, or {@code null}
	 */
	public @Nullable T item() {
		return this.item;
	}

}
