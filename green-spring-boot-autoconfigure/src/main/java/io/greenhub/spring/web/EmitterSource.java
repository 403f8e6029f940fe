package io.greenhub.spring.web;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.greenhub.Green;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * The elements of one {@link GreenEmitter} as a {@code Publisher} with back-pressure: the
 * green thread of the handler offers each element and parks until the writer of the
 * response has asked for one; the writer (Reactor Netty's, which asks for more as what it
 * wrote reaches the socket) subscribes once.
 *
 * <p>
 * Only the green thread signals the subscriber ({@code onNext}, {@code onComplete}), and
 * one thread at a time: an error comes after the green thread has stopped signalling,
 * from the event loop that closes the aborted connection; given before the subscriber has
 * come, the subscribing thread delivers it. {@link #request} and {@link #cancel} come
 * from any thread (an event loop, mostly) and only wake the green thread.
 */
final class EmitterSource<T> implements Publisher<T>, Subscription {

	private static final VarHandle SUBSCRIBED;

	private static final VarHandle TERMINATED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			SUBSCRIBED = lookup.findVarHandle(EmitterSource.class, "subscribed", boolean.class);
			TERMINATED = lookup.findVarHandle(EmitterSource.class, "terminated", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// Added to by the writer's threads; taken from by the green thread only.
	private final AtomicLong demand = new AtomicLong();

	// Set once by the subscribing thread, after its onSubscribe; read by the green
	// thread.
	private volatile @Nullable Subscriber<? super T> subscriber;

	// Set once, by the subscribing thread.
	private volatile boolean subscribed;

	// Whether onComplete or onError has been signalled, set by whoever signals it.
	private volatile boolean terminated;

	// Set by the writer's cancel (the response failed or ended early); read by the green
	// thread.
	private volatile boolean cancelled;

	// Set by the green thread once the write of the response has ended, with its failure
	// if any.
	private volatile boolean ended;

	private volatile @Nullable Throwable failure;

	// An error given by the green thread before the subscriber came: delivered by whoever
	// is last.
	private volatile @Nullable Throwable pendingError;

	// Written by the green thread before it parks; completed by whichever thread wakes
	// it.
	private volatile @Nullable CompletableFuture<@Nullable Void> wake;

	@Override
	public void subscribe(Subscriber<? super T> subscriber) {
		Objects.requireNonNull(subscriber, "subscriber");
		if (!SUBSCRIBED.compareAndSet(this, false, true)) {
			Operators.error(subscriber, new IllegalStateException("A green emitter is written once"));
			return;
		}
		subscriber.onSubscribe(this);
		this.subscriber = subscriber;
		Throwable error = this.pendingError;
		if (error != null && TERMINATED.compareAndSet(this, false, true)) {
			subscriber.onError(error);
		}
		wakeUp();
	}

	/** From the writer, on any thread: returns at once. */
	@Override
	public void request(long n) {
		if (n <= 0) {
			cancel();
			return;
		}
		long now;
		long next;
		do {
			now = this.demand.get();
			next = (now + n < 0) ? Long.MAX_VALUE : now + n;
		}
		while (!this.demand.compareAndSet(now, next));
		wakeUp();
	}

	/** From the writer, on any thread: returns at once; the next offer throws. */
	@Override
	public void cancel() {
		this.cancelled = true;
		wakeUp();
	}

	/**
	 * The write of the response has ended, before or after the subscriber came; returns
	 * at once.
	 */
	void ended(@Nullable Throwable failure) {
		this.failure = failure;
		this.ended = true;
		wakeUp();
	}

	private void wakeUp() {
		CompletableFuture<@Nullable Void> parked = this.wake;
		if (parked != null) {
			parked.complete(null);
		}
	}

	/**
	 * On the green thread: waits for demand, then signals the element. Parks while the
	 * writer asks for nothing; a kill ends the wait with a {@code GreenKilledException}.
	 */
	void offer(T element) throws IOException {
		for (;;) {
			checkOpen();
			Subscriber<? super T> target = this.subscriber;
			long wanted = this.demand.get();
			if (target != null && wanted > 0) {
				if (wanted != Long.MAX_VALUE) {
					this.demand.decrementAndGet();
				}
				target.onNext(element);
				return;
			}
			park(() -> this.subscriber != null && this.demand.get() > 0);
		}
	}

	/** On the green thread: waits for the subscriber, then completes it. */
	void complete() {
		for (;;) {
			if (this.ended || this.cancelled) {
				return;
			}
			Subscriber<? super T> target = this.subscriber;
			if (target != null) {
				if (TERMINATED.compareAndSet(this, false, true)) {
					target.onComplete();
				}
				return;
			}
			park(() -> this.subscriber != null);
		}
	}

	/**
	 * Once the green thread has stopped: fails the subscriber, now or when it comes;
	 * returns at once.
	 */
	void error(Throwable error) {
		this.pendingError = error;
		Subscriber<? super T> target = this.subscriber;
		if (target != null && TERMINATED.compareAndSet(this, false, true)) {
			target.onError(error);
		}
	}

	private void checkOpen() throws IOException {
		if (this.cancelled || this.ended) {
			throw new IOException("The response stream is closed: the client went away, or the write of the response "
					+ "failed or ended", this.failure);
		}
	}

	private void park(BooleanSupplier ready) {
		CompletableFuture<@Nullable Void> parked = new CompletableFuture<>();
		this.wake = parked;
		try {
			if (!ready.getAsBoolean() && !this.cancelled && !this.ended) {
				Green.blockOn(parked);
			}
		}
		finally {
			this.wake = null;
		}
	}

}
