package io.greenhub.sample.orders;

/**
 * An order as it travels through the {@code orders} queue: plain data, so that a Redis
 * queue can write it as JSON and another instance's worker can take it. Its outcome is
 * looked up by its id.
 *
 * @param id the order's identifier
 * @param item what is ordered
 * @param quantity how many
 */
public record QueuedOrder(String id, String item, int quantity) {

	static QueuedOrder of(Order order) {
		return new QueuedOrder(order.id(), order.item(), order.quantity());
	}

}
