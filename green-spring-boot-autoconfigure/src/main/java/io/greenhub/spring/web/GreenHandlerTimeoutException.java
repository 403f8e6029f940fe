package io.greenhub.spring.web;

import java.io.Serial;
import java.time.Duration;

/**
 * A green handler ran longer than {@code green.handler.timeout} (a streaming one:
 * {@code green.handler.stream-timeout}): it was killed, and once it had unwound (its
 * {@code finally} blocks ran) its request ends with this exception, answered 503.
 */
public class GreenHandlerTimeoutException extends GreenHandlerUnavailableException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	/**
	 * Creates the exception.
	 * @param timeout the timeout that passed
	 */
	public GreenHandlerTimeoutException(Duration timeout) {
		this(timeout, "green.handler.timeout");
	}

	/**
	 * Creates the exception for a timeout set by another property.
	 * @param timeout the timeout that passed
	 * @param property the property that set it, such as
	 * {@code green.handler.stream-timeout}
	 */
	public GreenHandlerTimeoutException(Duration timeout, String property) {
		super("Handler timed out", "The handler did not finish within " + timeout + " (" + property + ")", null);
		this.timeout = timeout;
	}

	/**
	 * Returns the timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
