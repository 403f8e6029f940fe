package io.greenhub.redis;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgements of one {@link RedisQueue}'s taskDone: each sent without waiting
 * for its answer, as the connection's next command follows it in order, and a lost one
 * only means a visible redelivery after the visibility timeout. Counts those answered
 * late (another consumer had acknowledged the entry) and those not answered in time. The
 * answers are handled on Lettuce's event loop, or on the timer's thread for a timeout:
 * they count, log, and call the queue back, nothing that waits.
 */
final class Acknowledgements {

	private static final Logger logger = LoggerFactory.getLogger(Acknowledgements.class);

	private final GreenRedis redis;

	private final String queue;

	private final String[] keys;

	private final String group;

	private final String channel;

	private final Answered answered;

	// Sent and not answered: incremented by the taskDone's thread, decremented by the
	// answer.
	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder late = new LongAdder();

	private final LongAdder failed = new LongAdder();

	/**
	 * Creates the acknowledgements of one queue.
	 * @param keys the stream and its putters
	 * @param channel the channel on which room is published
	 * @param answered told how many entries each answer deleted from the stream (0
	 * without one)
	 */
	Acknowledgements(GreenRedis redis, String queue, String[] keys, String group, String channel, Answered answered) {
		this.redis = redis;
		this.queue = queue;
		this.keys = keys;
		this.group = group;
		this.channel = channel;
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
	 * Sends the acknowledgement and deletion of the entry, {@linkplain #begin() begun}.
	 * Returns at once.
	 */
	void send(String id) {
		this.redis.calls()
			.send(QueueScripts.DONE, this.keys, this.group, id, this.channel)
			.whenComplete((answer, ex) -> {
				int deleted = 0;
				if (ex != null) {
					this.failed.increment();
					logger
						.warn("Queue '{}' entry {} was done but Redis did not confirm its acknowledgement ({}); unless Redis "
								+ "applied it, the entry is delivered again, as a redelivery, after the visibility timeout ({})",
								this.queue, id, this.redis.calls().translate("taskDone", ex).getMessage(),
								this.redis.options().visibilityTimeout());
				}
				else {
					deleted = (int) RedisCalls.asLong(answer.get(1));
					countLate(answer, id);
				}
				this.inFlight.decrementAndGet();
				this.answered.answered(deleted);
			});
	}

	private void countLate(List<Object> answer, String id) {
		if (RedisCalls.asLong(answer.get(0)) == 0) {
			this.late.increment();
			logger.warn(
					"Queue '{}' entry {} was done after another consumer had acknowledged it: its visibility "
							+ "timeout ({}) passed before taskDone",
					this.queue, id, this.redis.options().visibilityTimeout());
		}
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long late() {
		return this.late.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	/**
	 * What the queue does with an answer: on Lettuce's event loop or the timer's thread.
	 */
	@FunctionalInterface
	interface Answered {

		void answered(int deleted);

	}

}
