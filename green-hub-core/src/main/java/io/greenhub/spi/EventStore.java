package io.greenhub.spi;

import org.jspecify.annotations.Nullable;

/**
 * Where the outcome of a {@link io.greenhub.primitives.GreenEvent} lives when it is not
 * in this JVM: an event made with
 * {@link io.greenhub.primitives.GreenEvent#of(EventStore)} delegates every operation to
 * its store. An implementation is called on the caller's thread; its waiting operations
 * park a green thread (block a platform thread) and must throw
 * {@link IllegalStateException} on an event loop, as the local event does. A store that
 * cannot reach its state throws {@link StoreUnavailableException} within a bound of its
 * own.
 *
 * @param <T> the type of the value
 */
public interface EventStore<T> {

	/**
	 * Returns the name of the event, used in exceptions and metrics.
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
	 * Makes the event ready with a value for every instance.
	 * @param value the value
	 * @throws IllegalStateException if it has been sent already
	 */
	void send(T value);

	/**
	 * Makes the event ready with an exception for every instance.
	 * @param exception the exception
	 * @throws IllegalStateException if it has been sent already
	 */
	void sendException(Throwable exception);

	/**
	 * Waits at most the given time for the event to be ready.
	 * @param nanos how long to wait at most: 0 not at all, negative without a bound
	 * @return the value, or {@code null} if it was not sent in time
	 * @throws RuntimeException standing for the exception sent
	 */
	@Nullable T await(long nanos);

	/**
	 * Returns whether the event is ready, as last seen by this instance; may not wait.
	 * @return whether it is ready
	 */
	boolean isReady();

	/**
	 * Returns whether the event is ready with an exception, as last seen by this
	 * instance; may not wait.
	 * @return whether it is ready with an exception
	 */
	boolean hasException();

	/**
	 * Makes the event not ready for every instance; threads waiting go on waiting.
	 */
	void reset();

	/**
	 * Returns how many threads of this instance wait for the event; may not wait.
	 * @return the number of waiters
	 */
	int waiters();

}
