package io.greenhub;

import java.io.Serial;
import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown in a green thread at the wait where a {@linkplain GreenThread#kill() kill}
 * reaches it, and by {@link GreenThread#join()} of a thread that was killed.
 *
 * <p>
 * It is eventlet's {@code GreenletExit}: a thread that lets it propagate ends as
 * <em>killed</em>, not as failed. The thread's {@code finally} blocks run as it unwinds,
 * and the waits they make work normally: a kill is delivered once.
 *
 * <p>
 * A plain {@link Thread#interrupt()} of a thread waiting in a green wait is delivered the
 * same way, as a kill with no cause.
 */
public class GreenKilledException extends CancellationException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with the given message and, if not null, the cause given to
	 * {@link GreenThread#kill(Throwable)}.
	 * @param message the detail message
	 * @param cause the reason for the kill, or null
	 */
	@SuppressWarnings("this-escape") // initCause is Throwable's own, before any
										// subclass's state
	public GreenKilledException(String message, @Nullable Throwable cause) {
		super(message);
		if (cause != null) {
			initCause(cause);
		}
	}

}
