package io.greenhub;

import java.io.Serial;

/**
 * Thrown when a timed green wait ends because its time ran out, such as
 * {@link GreenThread#join(java.time.Duration)}.
 */
public class GreenTimeoutException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message.
	 * @param message the detail message, naming what was waited for and for how long
	 */
	public GreenTimeoutException(String message) {
		super(message);
	}

}
