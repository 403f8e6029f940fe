package io.greenhub.spring;

import java.io.Serial;
import java.util.concurrent.RejectedExecutionException;

/**
 * Thrown instead of starting a green handler when {@code green.handler.max-in-flight} handlers
 * run already. Answered with 503 and {@code Retry-After} unless the application handles it itself.
 */
public class GreenHandlerRejectedException extends RejectedExecutionException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int maxInFlight;

	/**
	 * Creates an exception for the given limit.
	 * @param maxInFlight the limit that was reached
	 */
	public GreenHandlerRejectedException(int maxInFlight) {
		super("Green handlers in flight are at their limit of " + maxInFlight + " (green.handler.max-in-flight)");
		this.maxInFlight = maxInFlight;
	}

	/**
	 * Returns the limit that was reached.
	 * @return the limit
	 */
	public int getMaxInFlight() {
		return this.maxInFlight;
	}

}
