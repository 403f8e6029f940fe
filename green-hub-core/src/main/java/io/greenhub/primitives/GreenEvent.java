package io.greenhub.primitives;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.greenhub.GreenKilledException;
import io.greenhub.spi.EventStore;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot result that any number of threads can wait for: it is sent once, with a
 * value or an exception, and every waiter then receives it. It is eventlet's
 * {@code event.Event}.
 *
 * <h2>Model</h2> An event is <em>not ready</em> until {@link #send} or
 * {@link #sendException} makes it ready; {@link #reset()} makes it not ready again for
 * another round. <pre>{@code
 * GreenEvent<Receipt> paid = new GreenEvent<>("payment-42");
 * Green.spawn(() -> paid.send(gateway.charge(order)));
 * Receipt receipt = paid.await();             // parks until sent
 * }</pre>
 *
 * <table class="striped">
 * <caption>Operations</caption>
 * <tr>
 * <th></th>
 * <th>waits</th>
 * <th>never waits</th>
 * <th>waits at most</th>
 * </tr>
 * <tr>
 * <td>receive</td>
 * <td>{@link #await()}</td>
 * <td>{@link #poll()}, {@link #isReady()}</td>
 * <td>{@link #await(Duration)}</td>
 * </tr>
 * <tr>
 * <td>send</td>
 * <td></td>
 * <td>{@link #send}, {@link #sendException}, {@link #reset()}</td>
 * <td></td>
 * </tr>
 * </table>
 * The waiting forms park a green thread and block a platform thread; on an event loop
 * they throw {@link IllegalStateException} at once. The others return at once and work
 * anywhere. A thread killed or interrupted while waiting leaves with a
 * {@link GreenKilledException} and is removed from the waiters; the event is unaffected.
 *
 * <h2>Fairness</h2> Sending wakes every waiter, in the order they began to wait.
 *
 * <h2>Memory consistency</h2> Actions of a thread before it sends happen-before the
 * return of every {@code await} or {@code poll} that receives that value or exception.
 *
 * <h2>Nulls</h2> Values must not be null: {@code poll} and the timed {@code await} use
 * emptiness to say "not ready". A {@code GreenEvent<Boolean>} serves as a plain signal.
 *
 * <h2>Stores</h2> An event made with {@link #of(EventStore)} keeps its outcome in the
 * store, shared with other processes: each operation is the store's, {@code send},
 * {@code poll} and {@code reset} may make a round trip and park (so they may not run on
 * an event loop), {@code isReady} and {@code hasException} say what this process last
 * saw, and the store says what exception a waiter throws for one sent elsewhere, and what
 * its failures are.
 *
 * @param <T> the type of the value
 */
public final class GreenEvent<T> {

	private static final AtomicLong unnamed = new AtomicLong();

	// Where the outcome lives: this JVM's (then local is the same) or another store's.
	private final EventStore<T> store;

	private final @Nullable LocalEvent<T> local;

	/**
	 * Creates an event named {@code event-<n>}.
	 */
	public GreenEvent() {
		this("event-" + unnamed.incrementAndGet());
	}

	/**
	 * Creates an event with a name, used in its exceptions and its metrics.
	 * @param name the name
	 */
	public GreenEvent(String name) {
		LocalEvent<T> local = new LocalEvent<>(name);
		this.store = local;
		this.local = local;
	}

	private GreenEvent(EventStore<T> store) {
		this.store = store;
		this.local = null;
	}

	/**
	 * Creates an event whose outcome lives in the store: every operation is delegated to
	 * it.
	 * @param <T> the type of the value
	 * @param store the store
	 * @return the event
	 */
	public static <T> GreenEvent<T> of(EventStore<T> store) {
		return new GreenEvent<>(Objects.requireNonNull(store, "store"));
	}

	/**
	 * Returns the name of this event.
	 * @return the name
	 */
	public String name() {
		return this.store.name();
	}

	/**
	 * Returns where the outcome lives: {@code local} for this JVM, else the store's name.
	 * Returns at once.
	 * @return the store's name
	 */
	public String store() {
		return this.store.store();
	}

	/**
	 * Makes the event ready with a value and wakes every waiter. Returns at once.
	 * @param value the value
	 * @throws IllegalStateException if it has been sent already since it was created or
	 * reset
	 */
	public void send(T value) {
		this.store.send(Objects.requireNonNull(value, "value"));
	}

	/**
	 * Makes the event ready with an exception, which every waiter then throws. Returns at
	 * once.
	 * @param exception the exception
	 * @throws IllegalStateException if it has been sent already since it was created or
	 * reset
	 */
	public void sendException(Throwable exception) {
		this.store.sendException(Objects.requireNonNull(exception, "exception"));
	}

	/**
	 * Waits until the event is ready and returns its value: parks a green thread, blocks
	 * a platform thread.
	 * @return the value
	 * @throws RuntimeException the exception sent, as it was, or wrapped in a
	 * {@link java.util.concurrent.CompletionException} if checked
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public T await() {
		// without a time limit the wait ends with an outcome
		return Objects.requireNonNull(this.store.await(-1), "the store's await");
	}

	/**
	 * Waits at most the given time for the event to be ready and returns its value, or an
	 * empty optional if it did not become ready in time (eventlet's wait returns
	 * {@code None} there).
	 * @param timeout how long to wait at most
	 * @return the value, or empty if the time ran out
	 * @throws RuntimeException the exception sent, as {@link #await()}
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public Optional<T> await(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		return Optional.ofNullable(this.store.await(Math.max(0, timeout.toNanos())));
	}

	/**
	 * Returns the value at once if the event is ready, or {@code null} if it is not.
	 * @return the value, or null
	 * @throws RuntimeException the exception sent, as {@link #await()}
	 */
	public @Nullable T poll() {
		return (this.local != null) ? this.local.pollNow() : this.store.await(0);
	}

	/**
	 * Returns whether the event has been sent (a value or an exception). Returns at once.
	 * @return whether it is ready
	 */
	public boolean isReady() {
		return this.store.isReady();
	}

	/**
	 * Returns whether the event has been sent an exception. Returns at once.
	 * @return whether it is ready with an exception
	 */
	public boolean hasException() {
		return this.store.hasException();
	}

	/**
	 * Makes the event not ready, so that it can be sent again. Threads waiting now go on
	 * waiting for the next send. Returns at once.
	 */
	public void reset() {
		this.store.reset();
	}

	/**
	 * Returns how many threads are waiting for the event. Returns at once.
	 * @return the number of waiters
	 */
	public int waiters() {
		return this.store.waiters();
	}

	@Override
	public String toString() {
		if (this.local != null) {
			return this.local.toString();
		}
		return "GreenEvent '" + name() + "' in " + this.store.store() + " ("
				+ (!this.store.isReady() ? "not ready" : this.store.hasException() ? "exception" : "ready") + ")";
	}

}
