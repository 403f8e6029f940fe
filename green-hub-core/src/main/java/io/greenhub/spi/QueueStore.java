package io.greenhub.spi;

import org.jspecify.annotations.Nullable;

/**
 * Where the items of a {@link io.greenhub.primitives.GreenQueue} live when they are not
 * in this JVM: a queue made with {@link io.greenhub.primitives.GreenQueue#of(QueueStore)}
 * delegates every operation to its store. An implementation is called on the caller's
 * thread; its waiting operations park a green thread (block a platform thread) and must
 * throw {@link IllegalStateException} on an event loop. A store that cannot reach its
 * state throws {@link StoreUnavailableException} within a bound of its own.
 *
 * @param <T> the type of the items
 */
public interface QueueStore<T> {

	/**
	 * Returns the name of the queue, used in exceptions and metrics.
	 * @return the name
	 */
	String name();

	/**
	 * Returns the name of the store, for the {@code store} tag of meters: {@code redis},
	 * say.
	 * @return the store's name
	 */
	String store();

	/**
	 * Returns the most items the queue holds.
	 * @return the capacity, {@link Integer#MAX_VALUE} if unbounded
	 */
	int capacity();

	/**
	 * Puts the item, waiting at most the given time for room.
	 * @param item the item
	 * @param nanos how long to wait at most: 0 not at all, negative without a bound
	 * @return whether the item was put
	 */
	boolean insert(T item, long nanos);

	/**
	 * Takes the next item, waiting at most the given time for one.
	 * @param nanos how long to wait at most: 0 not at all, negative without a bound
	 * @return the item, or {@code null} if none came in time
	 */
	@Nullable T remove(long nanos);

	/**
	 * Marks an item taken earlier as finished.
	 */
	void taskDone();

	/**
	 * Waits until every item taken by this instance has been marked finished.
	 */
	void join();

	/**
	 * Refuses further puts from this instance.
	 */
	void close();

	/**
	 * Returns whether {@link #close()} was called.
	 * @return whether the queue is closed
	 */
	boolean isClosed();

	/**
	 * Returns how many items the queue holds, as last seen by this instance; may not
	 * wait.
	 * @return the number of items
	 */
	int size();

	/**
	 * Returns how many threads of this instance wait to take an item; may not wait. The
	 * name every primitive and store gives to how many wait.
	 * @return the number of waiting takers
	 */
	int waiters();

}
