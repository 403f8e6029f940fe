package io.greenhub.primitives;

import java.io.Serial;

/**
 * Thrown by a put into a {@link GreenQueue} that has been closed, and by a take from one
 * that has been closed and holds no more items.
 */
public class GreenQueueClosedException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message.
	 * @param message the detail message, naming the queue
	 */
	public GreenQueueClosedException(String message) {
		super(message);
	}

}
