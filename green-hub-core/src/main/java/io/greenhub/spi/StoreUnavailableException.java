package io.greenhub.spi;

import java.io.Serial;

/**
 * Thrown by an operation of a primitive whose store could not be reached, or did not
 * answer, within the store's bound. The operation may or may not have taken effect: a put
 * that fails so may have stored its item, an acquire may have taken a lease that then
 * expires unrenewed.
 */
public class StoreUnavailableException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message and cause.
	 * @param message the detail message, naming the primitive and its store
	 * @param cause what the store's client reported
	 */
	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
