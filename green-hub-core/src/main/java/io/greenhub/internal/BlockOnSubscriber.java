package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * Subscribes to a Mono and parks the subscribing thread until it signals. Ends in one of
 * two states, whichever comes first: done (the Mono signalled) or cancelled (the waiter
 * was killed or timed out); so a value is never both delivered and dropped.
 */
public final class BlockOnSubscriber<T extends @Nullable Object> implements CoreSubscriber<T> {

	private static final int WAITING = 0;

	private static final int DONE = 1;

	private static final int CANCELLED = 2;

	private static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(BlockOnSubscriber.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final Thread waiter = Thread.currentThread();

	// Written by the signalling thread in onSubscribe; read by the waiter to cancel.
	private volatile @Nullable Subscription subscription;

	// Written by the signalling thread before it sets DONE; read by the waiter after it
	// sees DONE.
	private @Nullable T value;

	private @Nullable Throwable error;

	// Moved once from WAITING, by compare-and-set: to DONE by the signalling thread, or
	// to
	// CANCELLED by the waiter.
	private volatile int state;

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		if (this.state == CANCELLED) {
			subscription.cancel();
		}
		else {
			subscription.request(Long.MAX_VALUE);
		}
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
		if (STATE.compareAndSet(this, WAITING, DONE)) {
			LockSupport.unpark(this.waiter);
		}
	}

	public @Nullable T await() {
		try {
			while (this.state != DONE) {
				Blocking.park(this);
			}
		}
		catch (RuntimeException ex) {
			if (!Blocking.isInterruption(ex)) {
				throw ex;
			}
			if (STATE.compareAndSet(this, WAITING, CANCELLED)) {
				Subscription subscription = this.subscription;
				if (subscription != null) {
					subscription.cancel();
				}
				throw ex;
			}
			// the Mono signalled first: its outcome stands, and the kill comes at the
			// next wait
			Blocking.redeliverLater(ex);
		}
		Throwable failure = this.error;
		if (failure != null) {
			throw Rethrow.unchecked(failure);
		}
		return this.value;
	}

}
