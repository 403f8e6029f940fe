package io.greenhub.tcp;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.greenhub.internal.Blocking;
import io.netty.util.concurrent.Future;

/**
 * I/O failures of green network code: unwrapping the exception a Reactor or Netty failure
 * arrives in, and adapting Netty futures.
 */
final class IoFailures {

	private IoFailures() {
	}

	/**
	 * Returns the {@link IOException} behind a failure, or one that wraps it; rethrows
	 * kills and timeouts of the calling green thread as they are.
	 */
	static IOException unwrap(RuntimeException failure, Object context) {
		if (Blocking.isInterruption(failure)) {
			throw failure;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return new IOException(context + ": " + failure.getMessage(), failure);
	}

	static CompletionStage<Void> toCompletionStage(Future<?> future) {
		CompletableFuture<Void> stage = new CompletableFuture<>();
		future.addListener((done) -> {
			if (done.isSuccess()) {
				stage.complete(null);
			}
			else {
				stage.completeExceptionally(new CompletionException(done.cause()));
			}
		});
		return stage;
	}

}
