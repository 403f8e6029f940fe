package io.greenhub.primitives;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.Rethrow;
import io.greenhub.internal.WaitList;
import io.greenhub.internal.Waiter;
import io.greenhub.spi.EventStore;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link GreenEvent} of this JVM, and the threads waiting for it: the
 * store of an event that has no other. The outcome is written under the lock, held for a
 * few updates and never while parking, and read without it; the waiting is
 * {@link WaitList}'s.
 *
 * @param <T> the type of the value
 */
final class LocalEvent<T> implements EventStore<T> {

	private final String name;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock.
	private final WaitList<Object> waiters = new WaitList<>(this.lock);

	// Written under lock; read by anyone: null (not ready), the value, or a Failure.
	private volatile @Nullable Object outcome;

	LocalEvent(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "local";
	}

	@Override
	public void send(T value) {
		complete(value);
	}

	@Override
	public void sendException(Throwable exception) {
		complete(new Failure(exception));
	}

	private void complete(Object result) {
		this.lock.lock();
		try {
			Object previous = this.outcome;
			if (previous != null) {
				throw new IllegalStateException("Event '"
						+ this.name + "' has already been sent " + ((previous instanceof Failure failure)
								? "the exception " + failure.exception : "the value " + previous)
						+ "; reset it before sending again");
			}
			this.outcome = result;
			this.waiters.grantAll(result);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns the value of a ready event, or waits for it at most {@code nanos} (without
	 * a bound if negative); an event ready already is reported without a wait, even on an
	 * event loop.
	 */
	@Override
	public @Nullable T await(long nanos) {
		Object result = this.outcome;
		if (result == null) {
			result = awaitOutcome(nanos);
		}
		return (result != null) ? report(result) : null;
	}

	private @Nullable Object awaitOutcome(long nanos) {
		Blocking.checkMayBlock("GreenEvent.await");
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			Object result = this.outcome;
			if (result != null) {
				return result;
			}
			this.waiters.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		return this.waiters.await(waiter, nanos, this) ? waiter.item() : null;
	}

	/** Returns the value if the event is ready, or {@code null}. Never waits. */
	@Nullable T pollNow() {
		Object result = this.outcome;
		return (result != null) ? report(result) : null;
	}

	@Override
	public boolean isReady() {
		return this.outcome != null;
	}

	@Override
	public boolean hasException() {
		return this.outcome instanceof Failure;
	}

	@Override
	public void reset() {
		this.lock.lock();
		try {
			this.outcome = null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int waiters() {
		return this.waiters.sizeLocked();
	}

	@SuppressWarnings("unchecked")
	private T report(Object result) {
		if (result instanceof Failure failure) {
			throw Rethrow.unchecked(failure.exception);
		}
		return (T) result;
	}

	// as the event's own: what a thread waiting in it is shown waiting on
	@Override
	public String toString() {
		Object result = this.outcome;
		return "GreenEvent '" + this.name + "' ("
				+ ((result != null) ? ((result instanceof Failure) ? "exception" : "ready") : "not ready") + ")";
	}

	private record Failure(Throwable exception) {
	}

}
