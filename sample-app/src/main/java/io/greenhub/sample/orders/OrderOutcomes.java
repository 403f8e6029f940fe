package io.greenhub.sample.orders;

import io.greenhub.primitives.GreenEvent;

/**
 * Where the outcome of each order is sent: a {@link GreenEvent} per order, in this JVM by
 * default ({@link LocalOrderOutcomes}), on Redis under the {@code redis} profile
 * ({@link RedisOrderOutcomes}), so that a worker of another instance can send it. Called
 * by handlers and workers, on their green threads.
 */
interface OrderOutcomes {

	/**
	 * Makes the outcome event of an order this instance takes.
	 * @param id the order's identifier
	 * @return the event its worker sends and its readers wait on
	 */
	GreenEvent<Order.Outcome> open(String id);

	/**
	 * Lets go of the outcome event of an order no longer retained; returns at once.
	 * @param id the order's identifier
	 */
	void forget(String id);

	/**
	 * Sends the outcome of an order this instance does not retain (taken by another
	 * instance, or forgotten already).
	 * @param id the order's identifier
	 * @param outcome its outcome
	 */
	void sendElsewhere(String id, Order.Outcome outcome);

}
