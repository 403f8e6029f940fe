package io.greenhub.sample.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.greenhub.primitives.GreenEvent;

/**
 * One order this instance took and its outcome, a {@link GreenEvent} that a worker sends
 * once and any number of {@code GET /orders/{id}} requests wait on (made by
 * {@link OrderOutcomes}). The queue carries the order's data alone, a
 * {@link QueuedOrder}.
 *
 * @param id the order's identifier
 * @param item what is ordered
 * @param quantity how many
 * @param outcome sent by the worker that processed the order
 * @param started sent when a worker of this instance takes the order (under the
 * {@code redis} profile a worker of another instance may take it, and this one is never
 * sent)
 */
public record Order(String id, String item, int quantity, GreenEvent<Outcome> outcome, GreenEvent<Instant> started) {

	/**
	 * Marks the order taken by a worker; returns at once. Called by the worker.
	 */
	void markStarted() {
		try {
			this.started.send(Instant.now());
		}
		catch (IllegalStateException ex) {
			// taken a second time: a redelivery of the queue, under the redis profile
		}
	}

	/**
	 * Waits at most the given time for the outcome; parks the calling green thread.
	 * @param wait how long to wait
	 * @return the outcome, or empty if the order is still pending
	 */
	Optional<Outcome> await(Duration wait) {
		return this.outcome.await(wait);
	}

	/**
	 * The outcome of an order.
	 *
	 * @param status {@code done} or {@code failed}
	 * @param detail the downstream's confirmation, or the error
	 */
	public record Outcome(String status, String detail) {

		static Outcome done(String confirmation) {
			return new Outcome("done", confirmation);
		}

		static Outcome failed(Exception ex) {
			return new Outcome("failed", ex.toString());
		}

	}

}
