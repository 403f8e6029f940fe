package io.greenhub.redis;

import java.io.Serial;

/**
 * Thrown by the waiters of a {@link RedisEvent} that was sent an exception: an exception
 * does not travel between instances, its class name and message do, and this stands for
 * it in every instance, the sender's included.
 */
public class RedisEventException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String exceptionType;

	/**
	 * Creates an exception for the one sent to an event.
	 * @param event the event's name
	 * @param exceptionType the fully qualified class name of the exception sent
	 * @param detail its message, as it was sent
	 */
	public RedisEventException(String event, String exceptionType, String detail) {
		super("Event '" + event + "' was sent the exception " + exceptionType + ": " + detail);
		this.exceptionType = exceptionType;
	}

	/**
	 * Returns the class name of the exception sent.
	 * @return its fully qualified class name
	 */
	public String exceptionType() {
		return this.exceptionType;
	}

}
