package io.greenhub;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a green wait ends because a time limit ran out: the limit of a timed
 * operation such as {@link GreenThread#join(java.time.Duration)}, or a
 * {@link GreenTimeout}.
 */
public class GreenTimeoutException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient @Nullable GreenTimeout timeout;

	/**
	 * Creates an exception with the given message, for a timed operation whose time ran
	 * out.
	 * @param message the detail message, naming what was waited for and for how long
	 */
	public GreenTimeoutException(String message) {
		super(message);
		this.timeout = null;
	}

	GreenTimeoutException(GreenTimeout timeout) {
		super(timeout + " expired");
		this.timeout = timeout;
	}

	/**
	 * Returns whether this exception was thrown because the given timeout expired.
	 * @param timeout a timeout
	 * @return whether it is the one that expired
	 */
	public boolean isFrom(GreenTimeout timeout) {
		return this.timeout == timeout;
	}

	@Nullable GreenTimeout timeout() {
		return this.timeout;
	}

}
