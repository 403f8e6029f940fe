package io.greenhub.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries one instance took of a {@link RedisQueue} and has not marked done, oldest
 * first, and their renewal: every third of the visibility timeout, the renewal thread
 * resets in one script the idle time of every entry whose taking thread is still alive,
 * so no one reclaims it, and drops the entries of takers that ended (they are delivered
 * again after the visibility timeout). Added to by takers, removed from by taskDone and
 * by the renewal thread. {@link #join()} waits until none is left and no acknowledgement
 * is in flight.
 */
final class TakenEntries {

	private static final Logger logger = LoggerFactory.getLogger(TakenEntries.class);

	private final GreenRedis redis;

	private final String queue;

	private final String[] streamKey;

	private final String group;

	private final IntSupplier inFlight;

	private final ConcurrentLinkedDeque<Taken> taken = new ConcurrentLinkedDeque<>();

	// Fired when none is left and no acknowledgement is in flight: joiners wait for it.
	private final Signal finished = new Signal();

	/**
	 * Creates the taken entries of one queue.
	 * @param inFlight how many acknowledgements are sent and not answered
	 */
	TakenEntries(GreenRedis redis, String queue, String streamKey, String group, IntSupplier inFlight) {
		this.redis = redis;
		this.queue = queue;
		this.streamKey = new String[] { streamKey };
		this.group = group;
		this.inFlight = inFlight;
		redis.every(redis.options().visibilityTimeout().dividedBy(3), this::renew);
	}

	/** Adds the entry taken by the calling thread. */
	Taken add(RedisDelivery delivery) {
		Taken entry = new Taken(delivery, Thread.currentThread());
		this.taken.add(entry);
		return entry;
	}

	void remove(Taken entry) {
		this.taken.remove(entry);
	}

	/**
	 * Removes and returns the delivery a taskDone marks done: the calling thread's
	 * oldest, else this instance's oldest, else null.
	 */
	@Nullable RedisDelivery removeForDone() {
		Thread me = Thread.currentThread();
		Taken entry = null;
		for (Taken candidate : this.taken) {
			if (candidate.taker == me) {
				entry = candidate;
				break;
			}
		}
		if (entry == null) {
			entry = this.taken.peekFirst();
		}
		return (entry != null && this.taken.remove(entry)) ? entry.delivery : null;
	}

	/**
	 * Wakes the joiners if none is left and no acknowledgement is in flight: called after
	 * each answer to an acknowledgement, on Lettuce's event loop or the timer's thread.
	 */
	void fireIfFinished() {
		if (isFinished()) {
			this.finished.fire();
		}
	}

	private boolean isFinished() {
		return this.taken.isEmpty() && this.inFlight.getAsInt() == 0;
	}

	/**
	 * Waits until none is left and no acknowledgement is in flight: parks a green thread.
	 */
	void join() {
		while (!isFinished()) {
			CompletableFuture<Void> next = this.finished.next();
			if (isFinished()) {
				return;
			}
			Waits.waitFor(next, Long.MAX_VALUE);
		}
	}

	// On the renewal thread: keeps the entries of living takers their own, lets the
	// others go.
	private void renew() {
		List<Taken> renewing = new ArrayList<>();
		for (Taken entry : this.taken) {
			if (entry.taker.isAlive()) {
				renewing.add(entry);
			}
			else if (this.taken.remove(entry)) {
				logger.warn(
						"Queue '{}' entry {} was taken by {}, which ended without taskDone; it is delivered again "
								+ "after {}",
						this.queue, entry.delivery.id(), entry.taker.getName(),
						this.redis.options().visibilityTimeout());
			}
		}
		if (renewing.isEmpty()) {
			fireIfFinished();
			return;
		}
		String[] args = new String[renewing.size() + 2];
		args[0] = this.group;
		args[1] = this.redis.instance();
		for (int i = 0; i < renewing.size(); i++) {
			args[i + 2] = renewing.get(i).delivery.id();
		}
		this.redis.calls().send(QueueScripts.TOUCH, this.streamKey, args).whenComplete((answer, ex) -> {
			if (ex != null) {
				logger.debug("Renewal of queue '{}' failed; it is tried again", this.queue, ex);
			}
		});
	}

	/**
	 * One entry taken and not done.
	 *
	 * @param delivery the delivery
	 * @param taker the thread that took it
	 */
	record Taken(RedisDelivery delivery, Thread taker) {
	}

}
