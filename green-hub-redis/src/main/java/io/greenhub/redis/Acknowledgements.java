package io.greenhub.redis;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgements of one {@link RedisQueue}'s taskDone. A taskDone only adds its
 * entry's id here and returns; the ids are carried to Redis by the queue's next put from
 * this instance, whose script acknowledges and deletes them before it adds its own entry,
 * or, when no put comes within the carry time, sent by the renewal thread in one script
 * of their own (64 ids at most each), without waiting for its answer. So in an instance
 * that both puts and takes, a put, take and taskDone cost two commands and two round
 * trips of waiting, and a consumer that only takes sends one script a millisecond for the
 * entries it has done meanwhile.
 *
 * <h2>The carry time</h2> It is {@link #SHORTEST_CARRY} at first. Each time the renewal
 * thread wakes to find that puts carried every id but ones done less than that ago, the
 * carry time doubles, up to {@link #LONGEST_CARRY}; once it finds an id that waited
 * longer (no put came: the instance only takes, or its puts stopped), it sends them all
 * and the carry time is the shortest again. So an instance whose puts carry its
 * acknowledgements wakes the renewal thread once every 8 ms, not twice a millisecond (the
 * arm and the fire of a timer that finds nothing to do), and no id waits longer than the
 * longest carry time and the shortest together. While a putter of this instance waits for
 * room, which only acknowledgements make, the ids go within the shortest carry time. A
 * lost one only means a visible redelivery after the visibility timeout.
 *
 * <p>
 * Counts those answered late (another consumer had acknowledged the entry) and those not
 * answered in time. The answers are handled by the putting thread, by Lettuce's event
 * loop, or by the timer's thread for a timeout: they count, log, and call the queue back,
 * nothing that waits.
 */
final class Acknowledgements {

	/** The shortest carry time: how long an id waits for a put to carry it, at first. */
	static final long SHORTEST_CARRY = TimeUnit.MILLISECONDS.toNanos(1);

	/** The longest carry time, while puts carry the ids. */
	static final long LONGEST_CARRY = TimeUnit.MILLISECONDS.toNanos(8);

	// most ids one script acknowledges
	private static final int MOST_AT_ONCE = 64;

	private static final Logger logger = LoggerFactory.getLogger(Acknowledgements.class);

	private final GreenRedis redis;

	private final String queue;

	private final String[] keys;

	private final String group;

	private final String channel;

	private final Answered answered;

	// whether a putter of this instance waits for room: read by taskDone's thread
	private final BooleanSupplier hurry;

	// Ids done and not sent, oldest first: added by taskDone's thread, taken by a put's
	// or the renewal thread.
	private final ConcurrentLinkedQueue<Done> waiting = new ConcurrentLinkedQueue<>();

	// Whether the renewal thread is to look at the waiting ids after the carry time: set
	// by the taskDone that finds it unset (or the renewal thread, to look again), unset
	// by the renewal thread before it looks.
	private final AtomicBoolean sendDue = new AtomicBoolean();

	// Whether the renewal thread is to send every waiting id after the shortest carry
	// time, for a putter waits: set and unset as sendDue.
	private final AtomicBoolean hurryDue = new AtomicBoolean();

	// The carry time in ns: written by the renewal thread, read by taskDone's thread.
	private volatile long carry = SHORTEST_CARRY;

	// how many taskDone had the ids sent within the shortest carry time, for a putter
	// waited
	private final LongAdder hurried = new LongAdder();

	// Done and not answered: incremented by the taskDone's thread, decremented by the
	// answer.
	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder late = new LongAdder();

	private final LongAdder failed = new LongAdder();

	/**
	 * Creates the acknowledgements of one queue.
	 * @param keys the stream and its putters
	 * @param channel the channel on which room is published
	 * @param hurry whether a putter of this instance waits for room
	 * @param answered told how many entries each answer deleted from the stream (0
	 * without one)
	 */
	Acknowledgements(GreenRedis redis, String queue, String[] keys, String group, String channel, BooleanSupplier hurry,
			Answered answered) {
		this.redis = redis;
		this.queue = queue;
		this.keys = keys;
		this.group = group;
		this.channel = channel;
		this.hurry = hurry;
		this.answered = answered;
	}

	/**
	 * Counts an acknowledgement in flight, before its entry leaves the queue's taken
	 * entries.
	 */
	void begin() {
		this.inFlight.incrementAndGet();
	}

	/**
	 * Uncounts the acknowledgement begun, for no entry was there to acknowledge.
	 */
	void abandon() {
		this.inFlight.decrementAndGet();
	}

	/**
	 * Adds the id of the entry done, {@linkplain #begin() begun}, for the next put to
	 * carry, or the renewal thread to send after the carry time. Returns at once.
	 */
	void add(String id) {
		this.waiting.add(new Done(id, System.nanoTime()));
		if (this.hurry.getAsBoolean()) {
			this.hurried.increment();
			arm(this.hurryDue, SHORTEST_CARRY, true);
		}
		else {
			arm(this.sendDue, this.carry, false);
		}
	}

	/**
	 * Has the ids waiting, if any, sent within the shortest carry time: for a putter of
	 * this instance that is to wait for room, once it is counted (so that a taskDone
	 * either sees it waiting or added its id before). Returns at once.
	 */
	void hurry() {
		if (!this.waiting.isEmpty()) {
			arm(this.hurryDue, SHORTEST_CARRY, true);
		}
	}

	// Has the renewal thread look at the waiting ids after the delay, unless it is to
	// already.
	private void arm(AtomicBoolean due, long nanos, boolean all) {
		if (due.compareAndSet(false, true)) {
			try {
				this.redis.after(nanos, () -> due(due, all));
			}
			catch (RejectedExecutionException closed) {
				// GreenRedis is closed: nothing will send them, so they are lost
				// (counted,
				// logged, and so no longer in flight for a join); each entry is delivered
				// again, as a redelivery
				due.set(false);
				for (String[] ids = take(); ids.length > 0; ids = take()) {
					lost(ids, closed);
				}
			}
		}
	}

	/**
	 * Takes the ids a put is to carry, at most {@value #MOST_AT_ONCE}: none when nothing
	 * is done. Returns at once.
	 */
	String[] take() {
		if (this.waiting.isEmpty()) {
			return NONE;
		}
		String[] ids = new String[Math.min(MOST_AT_ONCE, this.waiting.size())];
		int taken = 0;
		for (Done done; taken < ids.length && (done = this.waiting.poll()) != null;) {
			ids[taken++] = done.id;
		}
		return (taken == ids.length) ? ids : Arrays.copyOf(ids, taken);
	}

	/**
	 * The answer to ids carried by a put, or sent alone: from {@code first} on, how many
	 * the script deleted, then the ids another consumer had acknowledged already. On the
	 * putting thread or Lettuce's event loop.
	 * @param counted whether a put counted the stream's length after the deletions (so
	 * the queue's gauge has them already)
	 */
	void carried(String[] ids, List<Object> answer, int first, boolean counted) {
		int deleted = (int) RedisCalls.asLong(answer.get(first));
		for (int i = first + 1; i < answer.size(); i++) {
			countLate(String.valueOf(answer.get(i)));
		}
		this.inFlight.addAndGet(-ids.length);
		this.answered.answered(counted ? 0 : deleted);
	}

	/**
	 * The ids were lost: with the put that carried them (on the putting thread), with
	 * their own script (on Lettuce's event loop or the timer's thread), or with
	 * GreenRedis closed (on the taskDone's thread).
	 */
	void lost(String[] ids, Throwable ex) {
		for (String id : ids) {
			unconfirmed(id, ex);
		}
		this.inFlight.addAndGet(-ids.length);
		this.answered.answered(0);
	}

	// On the renewal thread, once the carry time has passed: sends what no put carried
	// (every id when told all, for a putter waits), or, when puts carry the ids, makes
	// the carry time longer and looks again after it.
	private void due(AtomicBoolean due, boolean all) {
		due.set(false);
		Done oldest = this.waiting.peek();
		if (!all && (oldest == null || System.nanoTime() - oldest.at < SHORTEST_CARRY)) {
			this.carry = Math.min(LONGEST_CARRY, this.carry * 2);
			if (oldest != null) {
				arm(due, this.carry, false);
			}
			return;
		}
		if (!all) {
			this.carry = SHORTEST_CARRY;
		}
		for (String[] ids = take(); ids.length > 0; ids = take()) {
			String[] args = new String[ids.length + 2];
			args[0] = this.group;
			args[1] = this.channel;
			System.arraycopy(ids, 0, args, 2, ids.length);
			String[] sent = ids;
			this.redis.calls().send(QueueScripts.DONE, this.keys, args).whenComplete((answer, ex) -> {
				if (ex != null) {
					lost(sent, ex);
				}
				else {
					carried(sent, answer, 0, false);
				}
			});
		}
	}

	private void unconfirmed(String id, Throwable ex) {
		this.failed.increment();
		logger.warn("Queue '{}' entry {} was done but Redis did not confirm its acknowledgement ({}); unless Redis "
				+ "applied it, the entry is delivered again, as a redelivery, after the visibility timeout ({})",
				this.queue, id, this.redis.calls().translate("taskDone", ex).getMessage(),
				this.redis.options().visibilityTimeout());
	}

	private void countLate(String id) {
		this.late.increment();
		logger.warn(
				"Queue '{}' entry {} was done after another consumer had acknowledged it: its visibility "
						+ "timeout ({}) passed before taskDone",
				this.queue, id, this.redis.options().visibilityTimeout());
	}

	int inFlight() {
		return this.inFlight.get();
	}

	/** The carry time now, in ns. */
	long carry() {
		return this.carry;
	}

	long hurried() {
		return this.hurried.sum();
	}

	long late() {
		return this.late.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	private static final String[] NONE = {};

	/** The id of an entry done, and when it was added (System.nanoTime). */
	private record Done(String id, long at) {
	}

	/**
	 * What the queue does with an answer: on the putting thread, Lettuce's event loop or
	 * the timer's thread.
	 */
	@FunctionalInterface
	interface Answered {

		void answered(int deleted);

	}

}
