package io.greenhub.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.greenhub.GreenQueueClosedException;
import io.greenhub.spi.QueueStore;
import io.greenhub.spi.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of a {@link io.greenhub.GreenQueue} shared by every instance on one Redis: a stream
 * with one consumer group, each instance one consumer.
 *
 * <h2>Model</h2>
 * A put adds an entry unless the stream holds {@code capacity} entries (taken or not: an entry
 * leaves when it is done). A take hands an entry to this instance alone; {@code taskDone}
 * acknowledges and deletes it. While the taking thread lives, the renewal thread resets the
 * entry's idle time every third of the visibility timeout; an entry idle past it (its taker's
 * instance died, or the thread ended without taskDone) is reclaimed by the next take anywhere,
 * and delivered again. An entry due its delivery beyond {@code maxDeliveries} goes to the dead
 * letter stream ({@code <prefix>queue:{name}:dead}) instead, counted in {@link #deadLetters()}.
 * Delivery is so at least once: {@link RedisDelivery#current()} tells the consumer a redelivery.
 *
 * <h2>Waiting</h2>
 * A take parks its green thread until a put is published on the queue's channel, or half the
 * visibility timeout has passed (the one timer: a reclaimable entry publishes nothing), or its own
 * time is up; a put that finds the stream full waits likewise for a taskDone. {@link #join()}
 * waits for this instance's own taken entries only. {@link #close()} is this instance's: its puts
 * fail from then on, waiting ones too, and its takes drain the stream, then fail, as a local
 * queue's do; the other instances go on.
 *
 * <h2>Failures</h2>
 * Each round trip is bounded by {@code timeout}; past it, or with Redis unreachable, the
 * operation throws {@link StoreUnavailableException}. A put that fails so may have added its
 * entry: retrying it may add the item twice.
 *
 * @param <T> the type of the items
 */
public final class RedisQueue<T> implements QueueStore<T> {

	private static final Logger logger = LoggerFactory.getLogger(RedisQueue.class);

	private static final String GROUP = "green";

	private final GreenRedis redis;

	private final String name;

	private final int capacity;

	private final RedisValueCodec<T> codec;

	private final String[] keys;

	private final String putChannel;

	private final String doneChannel;

	private final Signal put;

	private final Signal done;

	private final Signal finished = new Signal();

	// Entries this instance took and has not marked done, oldest first: added by takers, removed
	// by taskDone and by the renewal thread.
	private final ConcurrentLinkedDeque<Taken> taken = new ConcurrentLinkedDeque<>();

	private final AtomicInteger takers = new AtomicInteger();

	private final AtomicInteger putters = new AtomicInteger();

	// Written after each answer from Redis; read by gauges.
	private volatile int size;

	private volatile boolean closed;

	private final LongAdder redeliveries = new LongAdder();

	private final LongAdder deadLetters = new LongAdder();

	private final LongAdder lateAcknowledgements = new LongAdder();

	RedisQueue(GreenRedis redis, String name, int capacity, RedisValueCodec<T> codec) {
		this.redis = redis;
		this.name = Objects.requireNonNull(name, "name");
		if (capacity < 1) {
			throw new IllegalArgumentException("Queue '" + name + "' on Redis needs a capacity of at least 1, was: " + capacity);
		}
		this.capacity = capacity;
		this.codec = Objects.requireNonNull(codec, "codec");
		this.keys = new String[] { redis.key("queue", name, "stream"), redis.key("queue", name, "dead") };
		this.putChannel = redis.key("queue", name, "put");
		this.doneChannel = redis.key("queue", name, "done");
		this.put = redis.subscribe(this.putChannel);
		this.done = redis.subscribe(this.doneChannel);
		redis.every(redis.options().visibilityTimeout().dividedBy(3), this::renew);
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
		for (;;) {
			CompletableFuture<Void> room = this.done.next();
			List<Object> answer = this.redis.calls().call("put into queue '" + this.name + "'", Scripts.PUT,
					new String[] { this.keys[0] }, String.valueOf(this.capacity), value, this.putChannel);
			this.size = (int) RedisCalls.asLong(answer.get(1));
			if (RedisCalls.asLong(answer.get(0)) == 1) {
				return true;
			}
			if (!await(room, nanos, deadline, this.putters)) {
				return false;
			}
			if (this.closed) {
				throw new GreenQueueClosedException("Queue '" + this.name + "' was closed while a put waited");
			}
		}
	}

	@Override
	public @Nullable T remove(long nanos) {
		long deadline = System.nanoTime() + nanos;
		for (;;) {
			CompletableFuture<Void> arrived = this.put.next();
			List<Object> answer = this.redis.calls().call("take from queue '" + this.name + "'", Scripts.TAKE, this.keys,
					GROUP, this.redis.instance(), String.valueOf(this.redis.options().visibilityTimeout().toMillis()),
					String.valueOf(this.redis.options().maxDeliveries()), this.doneChannel);
			if (RedisCalls.asLong(answer.get(0)) == 1) {
				countDeadLetters(answer.get(4));
				this.size = (int) RedisCalls.asLong(answer.get(5));
				return delivered(String.valueOf(answer.get(1)), String.valueOf(answer.get(2)), RedisCalls.asLong(answer.get(3)));
			}
			countDeadLetters(answer.get(1));
			this.size = (int) RedisCalls.asLong(answer.get(2));
			if (this.closed) {
				throw new GreenQueueClosedException("Queue '" + this.name + "' is closed in this instance, and no entry is left to take");
			}
			if (!await(arrived, nanos, deadline, this.takers)) {
				return null;
			}
		}
	}

	private T delivered(String id, String value, long deliveries) {
		RedisDelivery delivery = new RedisDelivery(this.name, id, deliveries);
		Taken entry = new Taken(delivery, Thread.currentThread());
		this.taken.add(entry);
		if (delivery.redelivered()) {
			this.redeliveries.increment();
		}
		try {
			T item = this.codec.decode(value);
			RedisDelivery.taken(delivery);
			return item;
		}
		catch (RuntimeException ex) {
			// left pending unrenewed: it is delivered again, and at last goes to the dead letters
			this.taken.remove(entry);
			throw new IllegalStateException("Queue '" + this.name + "' could not decode entry " + id + " (delivery "
					+ deliveries + "): " + ex.getMessage(), ex);
		}
	}

	private void countDeadLetters(Object count) {
		long dead = RedisCalls.asLong(count);
		if (dead > 0) {
			this.deadLetters.add(dead);
			logger.warn("Queue '{}' moved {} entries delivered more than {} times to its dead letters", this.name, dead,
					this.redis.options().maxDeliveries());
		}
	}

	// Waits for the signal, or half a visibility timeout, or what is left of the caller's time;
	// answers whether to look again.
	private boolean await(CompletableFuture<Void> signal, long nanos, long deadline, AtomicInteger waiting) {
		long left = deadline - System.nanoTime();
		if (nanos == 0 || nanos > 0 && left <= 0) {
			return false;
		}
		long recheck = this.redis.options().visibilityTimeout().toNanos() / 2;
		waiting.incrementAndGet();
		try {
			RedisCalls.waitFor(signal, (nanos < 0) ? recheck : Math.min(left, recheck));
		}
		finally {
			waiting.decrementAndGet();
		}
		return true;
	}

	@Override
	public void taskDone() {
		Taken entry = null;
		Thread me = Thread.currentThread();
		for (Taken candidate : this.taken) {
			if (candidate.taker == me) {
				entry = candidate;
				break;
			}
		}
		if (entry == null) {
			entry = this.taken.peekFirst();
		}
		if (entry == null || !this.taken.remove(entry)) {
			throw new IllegalStateException("Queue '" + this.name + "' has no entry taken by this instance and not done: "
					+ "taskDone() was called more times than entries were taken");
		}
		RedisDelivery.done(entry.delivery);
		try {
			List<Object> answer = this.redis.calls().call("taskDone of queue '" + this.name + "'", Scripts.DONE,
					new String[] { this.keys[0] }, GROUP, entry.delivery.id(), this.doneChannel);
			this.size = (int) RedisCalls.asLong(answer.get(1));
			if (RedisCalls.asLong(answer.get(0)) == 0) {
				this.lateAcknowledgements.increment();
				logger.warn("Queue '{}' entry {} was done after another consumer had acknowledged it: its visibility "
						+ "timeout ({}) passed before taskDone", this.name, entry.delivery.id(), this.redis.options().visibilityTimeout());
			}
		}
		finally {
			if (this.taken.isEmpty()) {
				this.finished.fire();
			}
		}
	}

	@Override
	public void join() {
		while (!this.taken.isEmpty()) {
			CompletableFuture<Void> next = this.finished.next();
			if (this.taken.isEmpty()) {
				return;
			}
			RedisCalls.waitFor(next, Long.MAX_VALUE);
		}
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
	public int takers() {
		return this.takers.get();
	}

	/**
	 * Returns how many entries this instance took that had been delivered before.
	 * @return the number of redeliveries
	 */
	public long redeliveries() {
		return this.redeliveries.sum();
	}

	/**
	 * Returns how many entries the takes of this instance moved to the dead letters.
	 * @return the number of dead letters
	 */
	public long deadLetters() {
		return this.deadLetters.sum();
	}

	/**
	 * Returns how many of this instance's taskDone came after another consumer had acknowledged the entry.
	 * @return the number of late acknowledgements
	 */
	public long lateAcknowledgements() {
		return this.lateAcknowledgements.sum();
	}

	/**
	 * Returns the key of the dead-letter stream.
	 * @return the key
	 */
	public String deadLetterKey() {
		return this.keys[1];
	}

	// On the renewal thread: keeps the entries of living takers their own, lets the others go.
	private void renew() {
		List<Taken> renewing = new ArrayList<>();
		for (Taken entry : this.taken) {
			if (entry.taker.isAlive()) {
				renewing.add(entry);
			}
			else if (this.taken.remove(entry)) {
				logger.warn("Queue '{}' entry {} was taken by {}, which ended without taskDone; it is delivered again "
						+ "after {}", this.name, entry.delivery.id(), entry.taker.getName(), this.redis.options().visibilityTimeout());
			}
		}
		if (renewing.isEmpty()) {
			return;
		}
		String[] args = new String[renewing.size() + 2];
		args[0] = GROUP;
		args[1] = this.redis.instance();
		for (int i = 0; i < renewing.size(); i++) {
			args[i + 2] = renewing.get(i).delivery.id();
		}
		this.redis.calls().script(Scripts.TOUCH, new String[] { this.keys[0] }, args)
			.subscribe(null, (ex) -> logger.debug("Renewal of queue '{}' failed; it is tried again", this.name, ex));
	}

	@Override
	public String toString() {
		return "RedisQueue '" + this.name + "' (about " + this.size + " entries, capacity " + this.capacity + ")";
	}

	private record Taken(RedisDelivery delivery, Thread taker) {
	}

}
