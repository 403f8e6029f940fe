package io.greenhub.spi;

/**
 * Where the permits of a {@link io.greenhub.primitives.GreenSemaphore} live when they are
 * not in this JVM: a semaphore made with
 * {@link io.greenhub.primitives.GreenSemaphore#of(SemaphoreStore)} delegates every
 * operation to its store. An implementation is called on the caller's thread; its waiting
 * operations park a green thread (block a platform thread) and must throw
 * {@link IllegalStateException} on an event loop, as the local semaphore does. A store
 * that cannot reach its state throws {@link StoreUnavailableException} within a bound of
 * its own.
 */
public interface SemaphoreStore {

	/**
	 * Returns the name of the semaphore, used in exceptions and metrics.
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
	 * Takes a permit, waiting at most the given time for one.
	 * @param nanos how long to wait at most: 0 not at all, negative without a bound
	 * @return whether a permit was taken
	 */
	boolean acquire(long nanos);

	/**
	 * Gives back a permit that was taken.
	 */
	void release();

	/**
	 * Returns how many permits are available, as last seen by this instance; may not
	 * wait.
	 * @return the number of available permits
	 */
	int availablePermits();

	/**
	 * Returns how many threads of this instance wait for a permit; may not wait.
	 * @return the number of waiters
	 */
	int waiters();

	/**
	 * Returns whether a release beyond the permits is refused.
	 * @return whether the semaphore is bounded
	 */
	boolean isBounded();

}
