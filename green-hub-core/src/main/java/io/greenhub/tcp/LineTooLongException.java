package io.greenhub.tcp;

import java.io.IOException;
import java.io.Serial;

/**
 * Thrown by {@link LineTransport#readLine()} when a line exceeds the maximum length; the
 * connection has been closed.
 */
public class LineTooLongException extends IOException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message.
	 * @param message the detail message, naming the connection and the limit
	 */
	public LineTooLongException(String message) {
		super(message);
	}

}
