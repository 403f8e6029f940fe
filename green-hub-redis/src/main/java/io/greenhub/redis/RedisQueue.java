package io.greenhub.redis;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.primitives.GreenQueueClosedException;
import io.greenhub.spi.QueueStore;
import io.greenhub.spi.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The store of a {@link io.greenhub.primitives.GreenQueue} shared by every instance on
 * one Redis: a stream with one consumer group, each instance one consumer.
 *
 * <h2>Model</h2> A put adds an entry unless the stream holds {@code capacity} entries
 * (taken or not: an entry leaves when it is done). A take hands an entry to this instance
 * alone; {@code taskDone} acknowledges and deletes it, and returns at once: its
 * acknowledgement rides in this instance's next put's script, or goes with the others
 * done within the carry time (1 to 8 ms) when no put comes ({@link Acknowledgements}), so
 * a put, take and taskDone wait for two round trips, not three. An acknowledgement that
 * Redis does not confirm within the timeout is logged and counted in
 * {@link #failedAcknowledgements()}; unless Redis applied it late, its entry stays
 * pending and is delivered again after the visibility timeout, as a redelivery: at least
 * once still, and never silently. While the taking thread lives, the renewal thread
 * resets the entry's idle time every third of the visibility timeout; an entry idle past
 * it (its taker's instance died, or the thread ended without taskDone) is reclaimed by a
 * take anywhere that looks for such entries, and delivered again, at most a tenth of the
 * visibility timeout later than it could (when takes look, and how the others read, is in
 * {@link Takes}). An entry due its delivery beyond {@code maxDeliveries} goes to the dead
 * letter stream ({@code <prefix>queue:{name}:dead}) instead, counted in
 * {@link #deadLetters()}. So delivery is at least once, and
 * {@link RedisDelivery#current()} tells a redelivery.
 *
 * <h2>Waiting</h2> A take parks its green thread until a put is published on the queue's
 * channel, or half the visibility timeout has passed (the one timer: a reclaimable entry
 * publishes nothing), or its own time is up; a put that finds the stream full waits
 * likewise for a taskDone. The attempt that finds nothing records the waiter in Redis
 * (for the visibility timeout, twice its longest park), and a put or a taskDone publishes
 * only while a waiter is recorded: with no one waiting, none publishes. {@link #join()}
 * waits for this instance's own taken entries only, until each is done and its
 * acknowledgement answered. {@link #close()} is this instance's: its puts fail from then
 * on, waiting ones too, and its takes drain the stream, then fail, as a local queue's do;
 * the other instances go on.
 *
 * <h2>Failures</h2> Each round trip is bounded by {@code timeout}; past it, or with Redis
 * unreachable, the operation throws {@link StoreUnavailableException}. A put that fails
 * so may have added its entry: retrying it may add the item twice.
 *
 * @param <T> the type of the items
 */
public final class RedisQueue<T> implements QueueStore<T> {

	private static final String GROUP = "green";

	// looks for entries to reclaim per visibility timeout, at most
	static final int RECLAIM_LOOKS = 10;

	private final GreenRedis redis;

	private final String name;

	private final int capacity;

	private final RedisValueCodec<T> codec;

	// stream, dead letters, takers, putters
	private final String[] keys;

	private final String putChannel;

	private final Signal put;

	private final Signal done;

	private final TakenEntries taken;

	// package-private, as the batch tests read their state
	final Puts puts;

	final Takes<T> takes;

	private final AtomicInteger takers = new AtomicInteger();

	private final AtomicInteger putters = new AtomicInteger();

	// the longest a waiter parks before it looks again
	private final long halfVisibility;

	// Written after each answer from Redis (counted by a put or an empty take, less the
	// entries a taskDone deleted); read by gauges.
	private volatile int size;

	private volatile boolean closed;

	// package-private, as the acknowledgements' tests read its state
	final Acknowledgements acknowledgements;

	RedisQueue(GreenRedis redis, String name, int capacity, RedisValueCodec<T> codec) {
		this.redis = redis;
		this.name = Objects.requireNonNull(name, "name");
		if (capacity < 1) {
			throw new IllegalArgumentException(
					"Queue '" + name + "' on Redis needs a capacity of at least 1, was: " + capacity);
		}
		this.capacity = capacity;
		this.halfVisibility = redis.options().visibilityTimeout().toNanos() / 2;
		this.codec = Objects.requireNonNull(codec, "codec");
		this.keys = new String[] { redis.key("queue", name, "stream"), redis.key("queue", name, "dead"),
				redis.key("queue", name, "takers"), redis.key("queue", name, "putters") };
		this.putChannel = redis.key("queue", name, "put");
		String doneChannel = redis.key("queue", name, "done");
		this.put = redis.subscribe(this.putChannel);
		this.done = redis.subscribe(doneChannel);
		this.acknowledgements = new Acknowledgements(redis, name, new String[] { this.keys[0], this.keys[3] }, GROUP,
				doneChannel, () -> waitingPutters() > 0, this::acknowledged);
		this.taken = new TakenEntries(redis, name, this.keys[0], GROUP, this.acknowledgements::inFlight);
		this.puts = new Puts(redis, name, capacity, new String[] { this.keys[0], this.keys[2], this.keys[3] },
				this.putChannel, GROUP, doneChannel, this.acknowledgements);
		this.takes = new Takes<>(redis, name, this.keys, GROUP, doneChannel, codec, this.taken,
				(length) -> this.size = length, this.put::fire);
	}

	// An acknowledgement was answered (deleting entries), or failed: on Lettuce's event
	// loop or the timer's thread.
	private void acknowledged(int deleted) {
		if (deleted > 0) {
			// a gauge: the next put or empty take counts the stream again
			this.size = Math.max(0, this.size - deleted);
		}
		this.taken.fireIfFinished();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "redis";
	}

	@Override
	public int capacity() {
		return this.capacity;
	}

	@Override
	public boolean insert(T item, long nanos) {
		if (this.closed) {
			throw new GreenQueueClosedException("Queue '" + this.name + "' is closed");
		}
		String value = this.codec.encode(item);
		long deadline = System.nanoTime() + nanos;
		// a putter that waits is recorded in Redis by the attempt that finds the stream
		// full
		try (WaiterRecord putter = new WaiterRecord(this.redis, this.keys[3], nanos)) {
			for (;;) {
				CompletableFuture<Void> room = this.done.next();
				long length = this.puts.attempt(value, putter);
				this.size = (int) Math.abs(length);
				if (length > 0) {
					putter.served();
					return true;
				}
				putter.notServed();
				// counted first, then the ids done go within the shortest carry time: a
				// taskDone that did not see this putter counted added its id before
				if (!Waits.awaitWake(room, nanos, deadline, this.halfVisibility, this.putters,
						this.acknowledgements::hurry)) {
					return false;
				}
				if (this.closed) {
					throw new GreenQueueClosedException("Queue '" + this.name + "' was closed while a put waited");
				}
			}
		}
	}

	@Override
	public @Nullable T remove(long nanos) {
		long deadline = System.nanoTime() + nanos;
		// a taker that waits is recorded in Redis by the attempt that finds nothing
		try (WaiterRecord taker = new WaiterRecord(this.redis, this.keys[2], nanos)) {
			for (;;) {
				CompletableFuture<Void> arrived = this.put.next();
				T item = this.takes.attempt(taker);
				if (item != null) {
					return item;
				}
				if (this.closed) {
					throw new GreenQueueClosedException(
							"Queue '" + this.name + "' is closed in this instance, and no entry is left to take");
				}
				if (!Waits.awaitWake(arrived, nanos, deadline, this.halfVisibility, this.takers)) {
					return null;
				}
			}
		}
	}

	@Override
	public void taskDone() {
		// counted in flight before it leaves the taken: a join never sees neither
		this.acknowledgements.begin();
		RedisDelivery delivery = this.taken.removeForDone();
		if (delivery == null) {
			this.acknowledgements.abandon();
			throw new IllegalStateException(
					"Queue '" + this.name + "' has no entry taken by this instance and not done: "
							+ "taskDone() was called more times than entries were taken");
		}
		RedisDelivery.done(delivery);
		this.acknowledgements.add(delivery.id());
	}

	@Override
	public void join() {
		this.taken.join();
	}

	@Override
	public void close() {
		this.closed = true;
		this.put.fire();
		this.done.fire();
	}

	@Override
	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public int waiters() {
		return this.takers.get();
	}

	/** How many threads of this instance wait for room to put an item. */
	int waitingPutters() {
		return this.putters.get();
	}

	/**
	 * Returns how many threads of this instance wait to take an item.
	 * @return the number of waiting takers
	 * @deprecated since 0.1.0, for removal: {@link #waiters()}, the name every store uses
	 */
	@Deprecated(since = "0.1.0", forRemoval = true)
	public int takers() {
		return waiters();
	}

	/**
	 * Returns how many entries this instance took that had been delivered before.
	 * @return the number of redeliveries
	 */
	public long redeliveries() {
		return this.takes.redeliveries();
	}

	/**
	 * Returns how many entries the takes of this instance moved to the dead letters.
	 * @return the number of dead letters
	 */
	public long deadLetters() {
		return this.takes.deadLetters();
	}

	/**
	 * Returns how many of this instance's taskDone came after another consumer had
	 * acknowledged the entry.
	 * @return the number of late acknowledgements
	 */
	public long lateAcknowledgements() {
		return this.acknowledgements.late();
	}

	/**
	 * Returns how many of this instance's taskDone had an acknowledgement that Redis did
	 * not confirm within the timeout (Redis unreachable or paused): unless Redis applied
	 * it late, its entry is delivered again after the visibility timeout, as a
	 * redelivery.
	 * @return the number of unconfirmed acknowledgements
	 */
	public long failedAcknowledgements() {
		return this.acknowledgements.failed();
	}

	/**
	 * Returns the key of the dead-letter stream.
	 * @return the key
	 */
	public String deadLetterKey() {
		return this.keys[1];
	}

	@Override
	public String toString() {
		return "RedisQueue '" + this.name + "' (about " + this.size + " entries, capacity " + this.capacity + ")";
	}

}
