package io.greenhub;

import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Subscribes to a Mono and parks the subscribing thread until it signals.
 */
final class BlockOnSubscriber<T extends @Nullable Object> implements CoreSubscriber<T> {

	private final Thread waiter = Thread.currentThread();

	// Written by the signalling thread in onSubscribe; read by the waiter to cancel.
	private volatile @Nullable Subscription subscription;

	// Written by the signalling thread before done; read by the waiter after it sees done.
	private @Nullable T value;

	private @Nullable Throwable error;

	// Written by the signalling thread; read by the waiter.
	private volatile boolean done;

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(T value) {
		this.value = value;
	}

	@Override
	public void onError(Throwable error) {
		this.error = error;
		signal();
	}

	@Override
	public void onComplete() {
		signal();
	}

	private void signal() {
		this.done = true;
		LockSupport.unpark(this.waiter);
	}

	T await() {
		if (!this.done) {
			try {
				while (!this.done) {
					Blocking.park(this);
				}
			}
			catch (GreenKilledException | GreenTimeoutException ex) {
				Subscription subscription = this.subscription;
				if (subscription != null) {
					subscription.cancel();
				}
				throw ex;
			}
		}
		Throwable failure = this.error;
		if (failure != null) {
			throw propagate(failure);
		}
		return this.value;
	}

	static RuntimeException propagate(Throwable failure) {
		if (failure instanceof RuntimeException ex) {
			return ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new CompletionException(failure);
	}

}
