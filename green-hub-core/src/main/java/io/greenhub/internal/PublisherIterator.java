package io.greenhub.internal;

import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;

/**
 * Iterates a publisher with back-pressure: requests a batch, parks the consumer while
 * none has arrived, and requests more as three quarters of a batch are consumed.
 */
public final class PublisherIterator<T> implements Iterator<T>, CoreSubscriber<T>, AutoCloseable {

	private final int batchSize;

	private final int replenishAt;

	// Offered to by the signalling thread; polled by the consumer, and by whoever closes
	// the iterator
	// to discard what is left, so it is safe for several pollers.
	private final Queue<T> queue = new ConcurrentLinkedQueue<>();

	// Incremented as items are queued, decremented as they are polled: the queue's size,
	// in O(1).
	private final AtomicInteger queued = new AtomicInteger();

	// Whether a kill or timeout of the consumer while it waits closes the iterator
	// (cancelling the
	// subscription), or leaves it open for a later read.
	private final boolean closeOnKill;

	// Written by the signalling thread in onSubscribe; read by the consumer.
	private volatile @Nullable Subscription subscription;

	// Written by the signalling thread before done; read by the consumer after it sees
	// done.
	private @Nullable Throwable error;

	// Written by the signalling thread; read by the consumer.
	private volatile boolean done;

	// Set by the consumer when it stops listening; read by onSubscribe, which may come
	// later.
	private volatile boolean cancelled;

	// Written by the consumer around its park; read by the signalling thread to wake it.
	private volatile @Nullable Thread parked;

	// Written and read by the consumer only.
	private int consumed;

	// Given each item that arrives after the consumer stopped listening, or is left
	// unread then.
	private final Consumer<? super T> discard;

	// Whether an item is the last the consumer wants: no more is requested after it.
	private final Predicate<? super T> last;

	public PublisherIterator(int batchSize) {
		this(batchSize, (item) -> {
		}, (item) -> false, true);
	}

	public PublisherIterator(int batchSize, Consumer<? super T> discard, Predicate<? super T> last,
			boolean closeOnKill) {
		this.discard = discard;
		this.last = last;
		this.closeOnKill = closeOnKill;
		this.batchSize = batchSize;
		this.replenishAt = (batchSize == Integer.MAX_VALUE) ? Integer.MAX_VALUE : batchSize - (batchSize >> 2);
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.subscription = subscription;
		if (this.cancelled) {
			subscription.cancel();
			return;
		}
		subscription.request((this.batchSize == Integer.MAX_VALUE) ? Long.MAX_VALUE : this.batchSize);
	}

	@Override
	public void onNext(T item) {
		if (this.cancelled) {
			this.discard.accept(item);
			return;
		}
		if (this.queued.incrementAndGet() > this.batchSize && this.batchSize != Integer.MAX_VALUE) {
			this.queued.decrementAndGet();
			this.discard.accept(item);
			onError(Exceptions.failWithOverflow("Publisher sent more items than the " + this.batchSize + " requested"));
			cancel();
			return;
		}
		this.queue.offer(item);
		if (this.cancelled) {
			// closed meanwhile: whoever closed may have drained before this offer
			discardLeft();
			return;
		}
		signal();
	}

	@Override
	public void onError(Throwable error) {
		this.error = error;
		this.done = true;
		signal();
	}

	@Override
	public void onComplete() {
		this.done = true;
		signal();
	}

	private void signal() {
		VarHandle.fullFence();
		Thread consumer = this.parked;
		if (consumer != null) {
			LockSupport.unpark(consumer);
		}
	}

	@Override
	public boolean hasNext() {
		// a kill, interrupt or timeout is thrown even while items are there: a reader
		// that data
		// keeps up with never parks, and must not read on for as long as the publisher
		// sends
		checkInterruption();
		for (;;) {
			if (!this.queue.isEmpty()) {
				return true;
			}
			if (this.done) {
				if (!this.queue.isEmpty()) {
					return true;
				}
				Throwable failure = this.error;
				if (failure != null) {
					throw Rethrow.unchecked(failure);
				}
				return false;
			}
			Blocking.checkMayBlock("Iterating a publisher");
			this.parked = Thread.currentThread();
			VarHandle.fullFence();
			try {
				if (this.queue.isEmpty() && !this.done) {
					Blocking.park(this);
				}
			}
			catch (RuntimeException ex) {
				if (this.closeOnKill && Blocking.isInterruption(ex)) {
					close();
				}
				throw ex;
			}
			finally {
				this.parked = null;
			}
		}
	}

	private void checkInterruption() {
		try {
			Blocking.checkKilled();
		}
		catch (RuntimeException ex) {
			if (this.closeOnKill) {
				close();
			}
			throw ex;
		}
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The publisher has completed");
		}
		T item = this.queue.poll();
		if (item == null) {
			throw new NoSuchElementException("The publisher was closed");
		}
		this.queued.decrementAndGet();
		if (this.last.test(item)) {
			return item;
		}
		if (++this.consumed == this.replenishAt) {
			this.consumed = 0;
			Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.request(this.replenishAt);
			}
		}
		return item;
	}

	/**
	 * Cancels the subscription; the iterator then ends after what has already arrived.
	 */
	@Override
	public void close() {
		this.done = true;
		cancel();
		discardLeft();
		// a consumer parked in hasNext sees done and ends
		signal();
	}

	private void discardLeft() {
		T left;
		while ((left = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			this.discard.accept(left);
		}
	}

	private void cancel() {
		this.cancelled = true;
		Subscription subscription = this.subscription;
		if (subscription != null) {
			subscription.cancel();
		}
	}

}
