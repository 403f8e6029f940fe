package io.greenhub.autoconfigure.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The bounds of the named primitives with {@code store: redis}, {@code green.redis.*}.
 * The connection itself is Spring Boot's, {@code spring.data.redis.*}. Validated when
 * bound: a bound shorter than 1 ms, or fewer than one delivery, fails the start naming
 * its property.
 */
@ConfigurationProperties("green.redis")
public class GreenRedisProperties implements Validator {

	/**
	 * Most time one round trip to Redis may take before the operation fails; a handler
	 * then answers 503. On green-hub's own connection it takes the place of
	 * spring.data.redis.timeout (unless the client has a fixed TimeoutOptions timeout).
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * How long a semaphore's permit is held unless renewed; renewed every third of it
	 * while its holder lives.
	 */
	private Duration lease = Duration.ofSeconds(10);

	/**
	 * How long a queue entry taken by an instance stays its own unless renewed; after it,
	 * another instance reclaims it.
	 */
	private Duration visibilityTimeout = Duration.ofSeconds(30);

	/**
	 * Most deliveries of a queue entry; one due another delivery goes to the dead-letter
	 * stream.
	 */
	private int maxDeliveries = 5;

	/**
	 * Prefix of every key and channel of green-hub's primitives.
	 */
	private String keyPrefix = "green:";

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public Duration getVisibilityTimeout() {
		return this.visibilityTimeout;
	}

	public void setVisibilityTimeout(Duration visibilityTimeout) {
		this.visibilityTimeout = visibilityTimeout;
	}

	public int getMaxDeliveries() {
		return this.maxDeliveries;
	}

	public void setMaxDeliveries(int maxDeliveries) {
		this.maxDeliveries = maxDeliveries;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenRedisProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenRedisProperties properties = (GreenRedisProperties) target;
		atLeastAMillisecond(errors, "timeout", "green.redis.timeout", properties.getTimeout());
		atLeastAMillisecond(errors, "lease", "green.redis.lease", properties.getLease());
		atLeastAMillisecond(errors, "visibilityTimeout", "green.redis.visibility-timeout",
				properties.getVisibilityTimeout());
		if (properties.getMaxDeliveries() < 1) {
			errors.rejectValue("maxDeliveries", "positive",
					"green.redis.max-deliveries must be positive: an entry is delivered at least once.");
		}
	}

	private static void atLeastAMillisecond(Errors errors, String field, String property, Duration value) {
		if (value.toMillis() < 1) {
			errors.rejectValue(field, "min", property + " must be at least 1 ms.");
		}
	}

}
