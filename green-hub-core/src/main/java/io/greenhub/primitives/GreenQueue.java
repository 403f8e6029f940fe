package io.greenhub.primitives;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

import io.greenhub.GreenKilledException;
import io.greenhub.spi.QueueStore;
import org.jspecify.annotations.Nullable;

/**
 * A queue that green threads put items into and take items from, waiting while it is full
 * or empty. It is eventlet's {@code queue.Queue}, with its {@code LifoQueue} and
 * {@code PriorityQueue}.
 *
 * <h2>Model</h2> A queue is bounded (at most {@code capacity} items), unbounded, or a
 * rendezvous (capacity 0: a put waits until a take receives its item). Items leave first
 * in, first out, or last in, first out ({@link #lifo}), or smallest first
 * ({@link #priority}). Every item put counts as unfinished until a consumer calls
 * {@link #taskDone()} for it; {@link #join()} waits until none is unfinished.
 * {@link #close()} refuses further puts; takers then drain what is left and after that
 * get a {@link GreenQueueClosedException}. {@link #resize(int)} changes a live queue's
 * capacity. <pre>{@code
 * GreenQueue<Order> orders = GreenQueue.bounded("orders", 100);
 * Green.spawn(() -> { for (;;) { process(orders.take()); orders.taskDone(); } });
 * orders.put(order);                           // parks while 100 orders wait
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
 * <td>insert</td>
 * <td>{@link #put}</td>
 * <td>{@link #offer(Object)}</td>
 * <td>{@link #offer(Object, Duration)}</td>
 * </tr>
 * <tr>
 * <td>remove</td>
 * <td>{@link #take()}</td>
 * <td>{@link #poll()}</td>
 * <td>{@link #poll(Duration)}</td>
 * </tr>
 * <tr>
 * <td>finish</td>
 * <td>{@link #join()}</td>
 * <td>{@link #taskDone()}, {@link #close()}, {@link #size()},
 * {@link #remainingCapacity()}, {@link #resize(int)}</td>
 * <td></td>
 * </tr>
 * </table>
 * The waiting forms park a green thread and block a platform thread; on an event loop
 * they throw {@link IllegalStateException} at once. The others return at once and work
 * anywhere. A thread killed or interrupted while waiting leaves with a
 * {@link GreenKilledException} and is removed from the waiters, its item not put or none
 * taken; if its item was taken, or an item handed to it, at that very moment, the
 * operation completes and the kill reaches the thread at its next wait. So an item is
 * never lost and never delivered twice.
 *
 * <h2>Fairness</h2> Waiting takers receive items in the order they began to wait, and
 * waiting puts are accepted in the order they began; an item put while takers wait goes
 * straight to the longest waiter.
 *
 * <h2>Memory consistency</h2> Actions of a thread before it puts an item happen-before
 * the actions of the thread that takes that item after its take returns.
 *
 * <h2>Nulls</h2> Items must not be null: {@code poll} returns null for "none".
 *
 * <h2>Stores</h2> A queue made with {@link #of(QueueStore)} keeps its items in the store,
 * shared with other processes: each operation is the store's, every one of them may make
 * a round trip and park (so even {@link #offer(Object)} and {@link #poll()} may not run
 * on an event loop), and the store says what its delivery guarantees and its failures
 * are. Such a queue's capacity is the store's and {@link #resize} refuses to change it.
 *
 * @param <T> the type of the items
 */
public final class GreenQueue<T> {

	// Where the items live: this JVM's (then local is the same) or another store's.
	private final QueueStore<T> store;

	private final @Nullable LocalQueue<T> local;

	private GreenQueue(LocalQueue<T> local) {
		this.store = local;
		this.local = local;
	}

	private GreenQueue(QueueStore<T> store) {
		this.store = store;
		this.local = null;
	}

	/**
	 * Creates a queue whose items live in the store: every operation is delegated to it.
	 * @param <T> the type of the items
	 * @param store the store
	 * @return the queue
	 */
	public static <T> GreenQueue<T> of(QueueStore<T> store) {
		return new GreenQueue<>(Objects.requireNonNull(store, "store"));
	}

	/**
	 * Creates a first-in first-out queue of at most {@code capacity} items; 0 makes a
	 * rendezvous.
	 * @param <T> the type of the items
	 * @param name the name, used in exceptions and metrics
	 * @param capacity the most items it holds
	 * @return the queue
	 */
	public static <T> GreenQueue<T> bounded(String name, int capacity) {
		return new GreenQueue<>(new LocalQueue<>(name, capacity, false, new ArrayDeque<>()));
	}

	/**
	 * Creates a first-in first-out queue with no bound: a put never waits.
	 * @param <T> the type of the items
	 * @param name the name, used in exceptions and metrics
	 * @return the queue
	 */
	public static <T> GreenQueue<T> unbounded(String name) {
		return new GreenQueue<>(new LocalQueue<>(name, Integer.MAX_VALUE, false, new ArrayDeque<>()));
	}

	/**
	 * Creates a queue of capacity 0: a put waits until a take receives its item.
	 * @param <T> the type of the items
	 * @param name the name, used in exceptions and metrics
	 * @return the queue
	 */
	public static <T> GreenQueue<T> rendezvous(String name) {
		return bounded(name, 0);
	}

	/**
	 * Creates a last-in first-out queue of at most {@code capacity} items.
	 * @param <T> the type of the items
	 * @param name the name, used in exceptions and metrics
	 * @param capacity the most items it holds
	 * @return the queue
	 */
	public static <T> GreenQueue<T> lifo(String name, int capacity) {
		return new GreenQueue<>(new LocalQueue<>(name, capacity, true, new ArrayDeque<>()));
	}

	/**
	 * Creates a queue of at most {@code capacity} items from which the smallest, by the
	 * comparator, leaves first.
	 * @param <T> the type of the items
	 * @param name the name, used in exceptions and metrics
	 * @param capacity the most items it holds
	 * @param order the order of the items
	 * @return the queue
	 */
	public static <T> GreenQueue<T> priority(String name, int capacity, Comparator<? super T> order) {
		return new GreenQueue<>(
				new LocalQueue<>(name, capacity, false, new PriorityQueue<>(Objects.requireNonNull(order, "order"))));
	}

	/**
	 * Returns the name of this queue.
	 * @return the name
	 */
	public String name() {
		return this.store.name();
	}

	/**
	 * Returns where the items live: {@code local} for this JVM, else the store's name.
	 * Returns at once.
	 * @return the store's name
	 */
	public String store() {
		return this.store.store();
	}

	/**
	 * Returns the most items this queue holds: {@link Integer#MAX_VALUE} if unbounded, 0
	 * for a rendezvous.
	 * @return the capacity
	 */
	public int capacity() {
		return this.store.capacity();
	}

	/**
	 * Changes the capacity of this live queue; {@link Integer#MAX_VALUE} makes it
	 * unbounded (as {@link #unbounded} does, and as {@link #capacity()} says of it), 0 a
	 * rendezvous. Growing lets waiting puts in at once, in the order they began to wait.
	 * Shrinking below the items held keeps them all; puts then wait until fewer than the
	 * new capacity are left. Returns at once and works anywhere, an event loop included.
	 * @param capacity the new capacity
	 * @throws IllegalArgumentException if it is negative
	 * @throws UnsupportedOperationException if the queue's items live in a
	 * {@linkplain #of(QueueStore) store}
	 */
	public void resize(int capacity) {
		if (this.local == null) {
			throw QueueItems.fixedCapacity(this.store, capacity);
		}
		this.local.resize(capacity);
	}

	/**
	 * Puts the item, waiting while the queue is full (for a rendezvous, until a take
	 * receives it).
	 * @param item the item
	 * @throws GreenQueueClosedException if the queue is closed, or closes while the put
	 * waits
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public void put(T item) {
		this.store.insert(Objects.requireNonNull(item, "item"), -1);
	}

	/**
	 * Puts the item if that needs no wait. Returns at once.
	 * @param item the item
	 * @return whether the item was put; {@code false} also when the queue is closed
	 */
	public boolean offer(T item) {
		Objects.requireNonNull(item, "item");
		return (this.local != null) ? this.local.offerNow(item) : this.store.insert(item, 0);
	}

	/**
	 * Puts the item, waiting at most the given time for room.
	 * @param item the item
	 * @param timeout how long to wait at most
	 * @return whether the item was put
	 * @throws GreenQueueClosedException if the queue is closed, or closes while the put
	 * waits
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public boolean offer(T item, Duration timeout) {
		Objects.requireNonNull(item, "item");
		return this.store.insert(item, Math.max(0, Objects.requireNonNull(timeout, "timeout").toNanos()));
	}

	/**
	 * Takes the next item, waiting while the queue is empty.
	 * @return the item
	 * @throws GreenQueueClosedException if the queue is closed and empty, or closes while
	 * the take waits
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public T take() {
		return Objects.requireNonNull(this.store.remove(-1));
	}

	/**
	 * Takes the next item if there is one. Returns at once.
	 * @return the item, or {@code null} if there is none
	 */
	public @Nullable T poll() {
		return (this.local != null) ? this.local.pollNow() : this.store.remove(0);
	}

	/**
	 * Takes the next item, waiting at most the given time for one.
	 * @param timeout how long to wait at most
	 * @return the item, or {@code null} if none arrived in time
	 * @throws GreenQueueClosedException if the queue is closed and empty, or closes while
	 * the take waits
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public @Nullable T poll(Duration timeout) {
		return this.store.remove(Math.max(0, Objects.requireNonNull(timeout, "timeout").toNanos()));
	}

	/**
	 * Marks one item taken earlier as finished. Returns at once.
	 * @throws IllegalStateException if every item put has been marked finished already
	 */
	public void taskDone() {
		this.store.taskDone();
	}

	/**
	 * Waits until every item put has been marked finished with {@link #taskDone()}.
	 * @throws GreenKilledException if the caller is killed or interrupted meanwhile
	 * @throws IllegalStateException on an event loop
	 */
	public void join() {
		this.store.join();
	}

	/**
	 * Closes the queue: puts fail from now on, and waiting puts fail too; takers drain
	 * the items left, then get a {@link GreenQueueClosedException}. Returns at once;
	 * closing twice does nothing.
	 */
	public void close() {
		this.store.close();
	}

	/**
	 * Returns whether the queue is closed. Returns at once.
	 * @return whether it is closed
	 */
	public boolean isClosed() {
		return this.store.isClosed();
	}

	/**
	 * Returns how many items the queue holds now, not counting waiting puts. Returns at
	 * once.
	 * @return the number of items
	 */
	public int size() {
		return this.store.size();
	}

	/**
	 * Returns how many more items fit now: {@link Integer#MAX_VALUE} if unbounded.
	 * Returns at once.
	 * @return the room left
	 */
	public int remainingCapacity() {
		int capacity = capacity();
		return (capacity == Integer.MAX_VALUE) ? Integer.MAX_VALUE : Math.max(0, capacity - size());
	}

	/**
	 * Returns how many threads wait for an item now, in {@code take} or {@code poll};
	 * puts waiting for room are not counted. Returns at once.
	 * @return the number of waiting takers
	 */
	public int waiters() {
		return this.store.waiters();
	}

	/**
	 * Returns how many threads wait to take an item now. Returns at once.
	 * @return the number of waiting takers
	 * @deprecated since 0.1.0, for removal: {@link #waiters()}, the name every primitive
	 * uses
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	public int takers() {
		return waiters();
	}

	@Override
	public String toString() {
		return QueueItems.describe(name(), size(), capacity());
	}

}
