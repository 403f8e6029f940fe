package io.greenhub.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wake-up that fires again and again: a waiter takes {@link #next()} before it looks at
 * Redis, so a release or put published after the look wakes it. Fired by the pub/sub
 * listener thread (Lettuce's event loop) and by local releases; read by waiters.
 */
final class Signal {

	// Replaced by every fire; read by waiters.
	private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

	CompletableFuture<Void> next() {
		return this.next.get();
	}

	void fire() {
		this.next.getAndSet(new CompletableFuture<>()).complete(null);
	}

}
