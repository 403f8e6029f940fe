package io.greenhub.spring.web.socket;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.greenhub.Green;
import io.greenhub.primitives.GreenSemaphore;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

import org.springframework.web.reactive.socket.WebSocketMessage;

/**
 * The messages a green session sends: the one publisher that the session's reactive
 * outbound subscribes to, fed by green threads. Reactor Netty requests 128 messages and
 * requests more as the ones before are written to the socket, so its demand is the
 * back-pressure: a sender parks while there is none. A message is made only once demand
 * for it is there, so none is made that cannot be handed on.
 *
 * <p>
 * Senders take turns under a one-permit {@link GreenSemaphore}, which keeps
 * {@code onNext} serial as Reactive Streams asks; the demand is added to on the event
 * loop that requests it.
 */
final class Outbound implements Publisher<WebSocketMessage>, Subscription {

	private final GreenSemaphore turn;

	private final String name;

	// Added to by the event loop as Reactor Netty requests; taken from by the sender
	// whose turn it is.
	private final AtomicLong demand = new AtomicLong();

	// Written once by the subscribing event loop; read by senders after they have seen
	// demand.
	private volatile @Nullable Subscriber<? super WebSocketMessage> subscriber;

	// Set once by a close (any thread) or a cancel (the event loop, as the connection
	// closes); read by senders.
	private volatile boolean closed;

	// Written by the sender whose turn it is around its park; read by request and close
	// to wake it.
	private volatile @Nullable CompletableFuture<@Nullable Void> waiting;

	Outbound(String sessionId) {
		this.name = "the demand of WebSocket session " + sessionId;
		this.turn = new GreenSemaphore("WebSocket session " + sessionId + " sending", 1);
	}

	@Override
	public void subscribe(Subscriber<? super WebSocketMessage> subscriber) {
		if (this.subscriber != null) {
			Operators.error(subscriber, new IllegalStateException("A green session's outbound is subscribed to once"));
			return;
		}
		this.subscriber = subscriber;
		subscriber.onSubscribe(this);
	}

	@Override
	public void request(long n) {
		if (Operators.validate(n)) {
			this.demand.getAndAccumulate(n, Operators::addCap);
			wake();
		}
	}

	@Override
	public void cancel() {
		close();
	}

	/**
	 * Ends the outbound: senders parked now and from now on throw. Returns at once; any
	 * thread.
	 */
	void close() {
		this.closed = true;
		wake();
	}

	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Hands one message on once there is demand for it, parking until then; the message
	 * is made when it can be handed on.
	 */
	void send(Supplier<WebSocketMessage> message) throws ClosedChannelException {
		if (this.closed) {
			throw new ClosedChannelException();
		}
		if (!this.turn.tryAcquire()) {
			this.turn.acquire();
		}
		try {
			awaitDemand();
			Subscriber<? super WebSocketMessage> subscriber = this.subscriber;
			if (subscriber == null) {
				throw new IllegalStateException("Demand without a subscriber");
			}
			subscriber.onNext(message.get());
		}
		finally {
			this.turn.release();
		}
	}

	/** Takes one from the demand, parking while there is none; whose turn it is only. */
	private void awaitDemand() throws ClosedChannelException {
		for (;;) {
			if (this.closed) {
				throw new ClosedChannelException();
			}
			long available = this.demand.get();
			if (available > 0) {
				if (available == Long.MAX_VALUE || this.demand.compareAndSet(available, available - 1)) {
					return;
				}
				continue;
			}
			CompletableFuture<@Nullable Void> signal = new Signal(this.name);
			this.waiting = signal;
			try {
				// looked at again after waiting is set: a request or close before it is
				// not missed
				if (this.demand.get() == 0 && !this.closed) {
					Green.blockOn(signal);
				}
			}
			finally {
				this.waiting = null;
			}
		}
	}

	private void wake() {
		CompletableFuture<@Nullable Void> signal = this.waiting;
		if (signal != null) {
			signal.complete(null);
		}
	}

	/**
	 * What a parked sender waits on, named for thread dumps and the {@code green}
	 * endpoint.
	 */
	private static final class Signal extends CompletableFuture<@Nullable Void> {

		private final String name;

		Signal(String name) {
			this.name = name;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
