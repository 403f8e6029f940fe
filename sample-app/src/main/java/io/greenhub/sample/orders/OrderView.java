package io.greenhub.sample.orders;

import org.jspecify.annotations.Nullable;

/**
 * An order as {@code /orders} answers it.
 *
 * @param id the order's identifier
 * @param item what is ordered
 * @param quantity how many
 * @param status {@code pending}, {@code processing} (in a progress stream), {@code done}
 * or {@code failed}
 * @param detail the confirmation or the error; null until the outcome
 */
public record OrderView(String id, String item, int quantity, String status, @Nullable String detail) {

	static OrderView pending(Order order) {
		return new OrderView(order.id(), order.item(), order.quantity(), "pending", null);
	}

	static OrderView processing(Order order) {
		return new OrderView(order.id(), order.item(), order.quantity(), "processing", null);
	}

	static OrderView of(Order order, Order.Outcome outcome) {
		return new OrderView(order.id(), order.item(), order.quantity(), outcome.status(), outcome.detail());
	}

}
