package io.greenhub.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of one {@link RedisQueue}'s takes, when they look for entries to reclaim,
 * and what they deliver: each entry taken is decoded, added to the instance's
 * {@link TakenEntries} and counted as a redelivery if it was delivered before.
 *
 * <p>
 * An attempt of a taker not recorded as waiting, when no look is due, is a plain
 * XREADGROUP, the fewest Redis can do; any other runs {@link QueueScripts#TAKE}, which
 * also reclaims, moves dead letters, makes the group if it is missing and records a taker
 * that found nothing. Each instance's takes look at most once every tenth of the
 * visibility timeout, and again at once while a look has not reached the end of the
 * pending entries. Used by the taking threads; the look's schedule is written by each
 * after its answer (a race between two only makes a look more or less). The plain
 * XREADGROUPs of several takers go together (see {@link Reads}).
 *
 * @param <T> the type of the items
 */
final class Takes<T> {

	private static final Logger logger = LoggerFactory.getLogger(Takes.class);

	private final RedisCalls calls;

	private final String queue;

	private final int maxDeliveries;

	private final RedisValueCodec<T> codec;

	private final TakenEntries taken;

	// told the stream's length that an attempt which found nothing counted
	private final IntConsumer counted;

	private final String what;

	// stream, dead letters, takers, putters
	private final String[] keys;

	private final String group;

	private final String consumer;

	private final String visibilityArg;

	private final String maxDeliveriesArg;

	private final String doneChannel;

	// how long a waiter's record in Redis lasts: twice the longest it parks before it
	// looks again
	private final String recordArg;

	private final Reads reads;

	private final long reclaimInterval;

	// When the next take looks for entries to reclaim, and from where in the pending
	// entries: a look that reached their end waits a tenth of the visibility timeout.
	private volatile long nextReclaim = System.nanoTime();

	private volatile String reclaimCursor = "0-0";

	private final LongAdder redeliveries = new LongAdder();

	private final LongAdder deadLetters = new LongAdder();

	Takes(GreenRedis redis, String queue, String[] keys, String group, String doneChannel, RedisValueCodec<T> codec,
			TakenEntries taken, IntConsumer counted, Runnable spared) {
		this.calls = redis.calls();
		this.queue = queue;
		this.maxDeliveries = redis.options().maxDeliveries();
		this.codec = codec;
		this.taken = taken;
		this.counted = counted;
		this.what = "take from queue '" + queue + "'";
		this.keys = keys;
		this.group = group;
		this.consumer = redis.instance();
		this.visibilityArg = String.valueOf(redis.options().visibilityTimeout().toMillis());
		this.maxDeliveriesArg = String.valueOf(redis.options().maxDeliveries());
		this.doneChannel = doneChannel;
		// a waiter parks at most half the visibility timeout before it looks again
		this.recordArg = String.valueOf(Math.max(2, redis.options().visibilityTimeout().toMillis()));
		this.reads = new Reads(this.calls, this.what,
				Stream.of("GROUP", group, this.consumer, "COUNT", "1", "STREAMS", keys[0], ">")
					.map((arg) -> arg.getBytes(StandardCharsets.UTF_8))
					.toArray(byte[][]::new),
				redis.options().visibilityTimeout().toNanos(), spared);
		this.reclaimInterval = redis.options().visibilityTimeout().toNanos() / RedisQueue.RECLAIM_LOOKS;
	}

	/**
	 * Tries once to take an entry, and answers its item, or null if it found none: parks
	 * a green thread for one round trip (two for a taker that waits and finds nothing at
	 * first). A taker that waits and finds nothing is recorded; one served is told so.
	 */
	@Nullable T attempt(WaiterRecord taker) {
		StreamMessage<String, String> left = this.reads.spare();
		if (left != null) {
			// read for a taker killed meanwhile: this one's, with no record removed (its
			// close removes one)
			return delivered(left.getId(), String.valueOf(left.getBody().get("v")), 1);
		}
		boolean look = System.nanoTime() - this.nextReclaim >= 0;
		if (!look && !taker.recorded()) {
			List<StreamMessage<String, String>> read = read();
			if (read != null && !read.isEmpty()) {
				StreamMessage<String, String> entry = read.get(0);
				taker.served();
				return delivered(entry.getId(), String.valueOf(entry.getBody().get("v")), 1);
			}
			if (read != null && !taker.waits()) {
				// nothing new, and no one to record: the script would find nothing more
				return null;
			}
		}
		List<Object> answer;
		if (look) {
			answer = this.calls.call(this.what, QueueScripts.TAKE, this.keys, this.group, this.consumer,
					this.visibilityArg, this.maxDeliveriesArg, this.doneChannel, taker.id(), taker.recordedFlag(),
					this.recordArg, "1", this.reclaimCursor);
			looked(String.valueOf(answer.get(answer.size() - 1)));
		}
		else {
			// without the last two arguments the script does not look for entries to
			// reclaim
			answer = this.calls.call(this.what, QueueScripts.TAKE, this.keys, this.group, this.consumer,
					this.visibilityArg, this.maxDeliveriesArg, this.doneChannel, taker.id(), taker.recordedFlag(),
					this.recordArg);
		}
		if (RedisCalls.asLong(answer.get(0)) == 1) {
			taker.served();
			countDeadLetters(RedisCalls.asLong(answer.get(4)));
			return delivered(String.valueOf(answer.get(1)), String.valueOf(answer.get(2)),
					RedisCalls.asLong(answer.get(3)));
		}
		taker.notServed();
		countDeadLetters(RedisCalls.asLong(answer.get(1)));
		this.counted.accept((int) RedisCalls.asLong(answer.get(2)));
		return null;
	}

	private T delivered(String id, String value, long deliveries) {
		RedisDelivery delivery = new RedisDelivery(this.queue, id, deliveries);
		TakenEntries.Taken entry = this.taken.add(delivery);
		if (delivery.redelivered()) {
			this.redeliveries.increment();
		}
		try {
			T item = this.codec.decode(value);
			RedisDelivery.taken(delivery);
			return item;
		}
		catch (RuntimeException ex) {
			// left pending unrenewed: it is delivered again, and at last goes to the dead
			// letters
			this.taken.remove(entry);
			throw new IllegalStateException("Queue '" + this.queue + "' could not decode entry " + id + " (delivery "
					+ deliveries + "): " + ex.getMessage(), ex);
		}
	}

	private void countDeadLetters(long dead) {
		if (dead > 0) {
			this.deadLetters.add(dead);
			logger.warn("Queue '{}' moved {} entries delivered more than {} times to its dead letters", this.queue,
					dead, this.maxDeliveries);
		}
	}

	long redeliveries() {
		return this.redeliveries.sum();
	}

	long deadLetters() {
		return this.deadLetters.sum();
	}

	/** How many takes wait for the next read. */
	int waitingReads() {
		return this.reads.waiting();
	}

	/** How many reads are in flight. */
	int readInFlight() {
		return this.reads.inFlight();
	}

	// A plain XREADGROUP of one new entry, in a batch (see Reads); null when the group is
	// missing (the script makes it).
	private @Nullable List<StreamMessage<String, String>> read() {
		try {
			return this.reads.read();
		}
		catch (IllegalStateException ex) {
			String refused = (ex.getCause() instanceof RedisCommandExecutionException cause) ? cause.getMessage()
					: null;
			if (refused != null && refused.startsWith("NOGROUP")) {
				return null;
			}
			throw ex;
		}
	}

	// After a look for entries to reclaim: the next goes on from its cursor at once,
	// unless it reached the end of the pending entries.
	private void looked(String cursor) {
		this.reclaimCursor = cursor;
		if (cursor.equals("0-0")) {
			this.nextReclaim = System.nanoTime() + this.reclaimInterval;
		}
	}

}
