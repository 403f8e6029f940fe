package io.greenhub.internal;

import java.util.concurrent.CompletionException;

/**
 * The one rethrow policy of green-hub: how a failure reaches a caller that waits for it
 * (a join, a {@code blockOn}, a timed call): unchecked exceptions and errors as they are,
 * a checked exception wrapped in a {@link CompletionException}, as
 * {@link java.util.concurrent.CompletableFuture#join()} does.
 */
public final class Rethrow {

	private Rethrow() {
	}

	/**
	 * Returns the failure as the caller is to see it, or throws it if it is an
	 * {@link Error}; the caller throws what it returns:
	 * {@code throw Rethrow.unchecked(failure)}.
	 * @param failure the failure
	 * @return the failure itself if unchecked, otherwise a {@link CompletionException}
	 * whose cause it is
	 */
	public static RuntimeException unchecked(Throwable failure) {
		if (failure instanceof RuntimeException ex) {
			return ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new CompletionException(failure);
	}

}
