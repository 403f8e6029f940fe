package io.greenhub.redis;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One delivery of a stream entry to this instance: its id, and how many times the entry
 * has been delivered across all instances. An entry delivered more than once was taken by
 * a consumer that did not mark it done in time (it died, or lost its visibility): it may
 * have been processed already, and a consumer that must not process twice checks
 * {@link #redelivered()}.
 *
 * @param queue the queue's name
 * @param id the stream entry's id
 * @param deliveries how many times the entry has been delivered, this one included
 */
public record RedisDelivery(String queue, String id, long deliveries) {

	// The latest delivery to each thread, until its taskDone. Written and read by that
	// thread only.
	private static final ThreadLocal<@Nullable RedisDelivery> latest = new ThreadLocal<>();

	/**
	 * Returns whether the entry was delivered before this delivery.
	 * @return whether this is a redelivery
	 */
	public boolean redelivered() {
		return this.deliveries > 1;
	}

	/**
	 * Returns the delivery of the entry the calling thread took last from a Redis queue,
	 * until its {@code taskDone}. Returns at once.
	 * @return the delivery, or empty if the thread has none open
	 */
	public static Optional<RedisDelivery> current() {
		return Optional.ofNullable(latest.get());
	}

	static void taken(RedisDelivery delivery) {
		latest.set(delivery);
	}

	static void done(RedisDelivery delivery) {
		if (latest.get() == delivery) {
			latest.remove();
		}
	}

}
