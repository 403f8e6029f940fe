package io.greenhub.spring;

import java.io.Serial;
import java.time.Duration;

/**
 * The cause of the kill of a green handler that ran longer than {@code green.handler.timeout}.
 * Answered with 503 and a problem detail unless the application handles it itself.
 */
public class GreenHandlerTimeoutException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Creates an exception for the given limit.
	 * @param timeout the limit that the handler exceeded
	 */
	public GreenHandlerTimeoutException(Duration timeout) {
		super("Green handler did not finish within " + timeout + " (green.handler.timeout)");
		this.timeout = timeout;
	}

	/**
	 * Returns the limit that the handler exceeded.
	 * @return the limit
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
