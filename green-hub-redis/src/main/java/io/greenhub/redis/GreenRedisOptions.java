package io.greenhub.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of green-hub's Redis primitives: how long one round trip may take, how long
 * a semaphore's lease and a queue's visibility last, and how often an entry is delivered
 * before it becomes a dead letter.
 *
 * @param timeout the most one round trip to Redis may take before the operation fails
 * with a {@link io.greenhub.spi.StoreUnavailableException}
 * @param lease how long a permit is held unless renewed; renewed every third of it while
 * its holder lives
 * @param visibilityTimeout how long an entry taken by a consumer stays its own unless
 * renewed; renewed every third of it while its taker lives, reclaimable by another
 * consumer after it
 * @param maxDeliveries how many times an entry is delivered at most; one reclaimed once
 * more goes to the dead letters
 * @param keyPrefix the prefix of every key and channel green-hub uses
 */
public record GreenRedisOptions(Duration timeout, Duration lease, Duration visibilityTimeout, int maxDeliveries,
		String keyPrefix) {

	/**
	 * Checks the options.
	 */
	public GreenRedisOptions {
		Objects.requireNonNull(keyPrefix, "keyPrefix");
		positive("timeout", timeout);
		positive("lease", lease);
		positive("visibilityTimeout", visibilityTimeout);
		if (maxDeliveries < 1) {
			throw new IllegalArgumentException("maxDeliveries must be at least 1, was: " + maxDeliveries);
		}
	}

	/**
	 * Returns the defaults: a 2 s round trip, a 10 s lease, a 30 s visibility timeout, 5
	 * deliveries, keys under {@code green:}.
	 * @return the default options
	 */
	public static GreenRedisOptions defaults() {
		return new GreenRedisOptions(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
				"green:");
	}

	/**
	 * Returns these options with another round-trip bound.
	 * @param timeout the bound
	 * @return the options
	 */
	public GreenRedisOptions withTimeout(Duration timeout) {
		return new GreenRedisOptions(timeout, this.lease, this.visibilityTimeout, this.maxDeliveries, this.keyPrefix);
	}

	/**
	 * Returns these options with another lease.
	 * @param lease the lease
	 * @return the options
	 */
	public GreenRedisOptions withLease(Duration lease) {
		return new GreenRedisOptions(this.timeout, lease, this.visibilityTimeout, this.maxDeliveries, this.keyPrefix);
	}

	/**
	 * Returns these options with another visibility timeout.
	 * @param visibilityTimeout the visibility timeout
	 * @return the options
	 */
	public GreenRedisOptions withVisibilityTimeout(Duration visibilityTimeout) {
		return new GreenRedisOptions(this.timeout, this.lease, visibilityTimeout, this.maxDeliveries, this.keyPrefix);
	}

	/**
	 * Returns these options with another most deliveries.
	 * @param maxDeliveries the most deliveries of an entry
	 * @return the options
	 */
	public GreenRedisOptions withMaxDeliveries(int maxDeliveries) {
		return new GreenRedisOptions(this.timeout, this.lease, this.visibilityTimeout, maxDeliveries, this.keyPrefix);
	}

	private static void positive(String name, Duration duration) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero() || duration.toMillis() == 0) {
			throw new IllegalArgumentException(name + " must be at least 1 ms, was: " + duration);
		}
	}

}
