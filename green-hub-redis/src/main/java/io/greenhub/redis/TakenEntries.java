package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries of a {@link RedisQueue} that this instance took and has not marked done, oldest
 * first, each with the thread that took it: added by takers, removed by {@code taskDone} and by
 * the renewal thread, read by {@code join}.
 */
final class TakenEntries {

	private static final Logger logger = LoggerFactory.getLogger(RedisQueue.class);

	private final String queue;

	private final ConcurrentLinkedDeque<Entry> entries = new ConcurrentLinkedDeque<>();

	// Fired as the last entry is done; waited for by join.
	private final Signal finished = new Signal();

	TakenEntries(String queue) {
		this.queue = queue;
	}

	/**
	 * Adds an entry taken by the calling thread.
	 */
	Entry add(RedisDelivery delivery) {
		Entry entry = new Entry(delivery, Thread.currentThread());
		this.entries.add(entry);
		return entry;
	}

	/**
	 * Drops an entry that is left to be delivered again.
	 */
	void drop(Entry entry) {
		this.entries.remove(entry);
	}

	/**
	 * Removes and returns the entry a {@code taskDone} of the calling thread marks done: the oldest
	 * it took itself, or else the oldest of this instance.
	 * @throws IllegalStateException if there is none
	 */
	Entry removeForDone() {
		Entry entry = null;
		Thread me = Thread.currentThread();
		for (Entry candidate : this.entries) {
			if (candidate.taker() == me) {
				entry = candidate;
				break;
			}
		}
		if (entry == null) {
			entry = this.entries.peekFirst();
		}
		if (entry == null || !this.entries.remove(entry)) {
			throw new IllegalStateException("Queue '" + this.queue + "' has no entry taken by this instance and not done: "
					+ "taskDone() was called more times than entries were taken");
		}
		return entry;
	}

	/**
	 * Wakes the joining threads if every entry is done; called after each {@code taskDone}.
	 */
	void doneWithOne() {
		if (this.entries.isEmpty()) {
			this.finished.fire();
		}
	}

	/**
	 * Waits until every entry taken is done.
	 */
	void join() {
		while (!this.entries.isEmpty()) {
			CompletableFuture<Void> next = this.finished.next();
			if (this.entries.isEmpty()) {
				return;
			}
			RedisCalls.waitFor(next, Long.MAX_VALUE);
		}
	}

	/**
	 * Returns the ids of the entries whose takers live, to renew; lets the others go, to be
	 * delivered again after the visibility timeout. On the renewal thread.
	 */
	List<String> living(Duration visibilityTimeout) {
		List<String> living = new ArrayList<>();
		for (Entry entry : this.entries) {
			if (entry.taker().isAlive()) {
				living.add(entry.delivery().id());
			}
			else if (this.entries.remove(entry)) {
				logger.warn("Queue '{}' entry {} was taken by {}, which ended without taskDone; it is delivered again "
						+ "after {}", this.queue, entry.delivery().id(), entry.taker().getName(), visibilityTimeout);
			}
		}
		return living;
	}

	record Entry(RedisDelivery delivery, Thread taker) {
	}

}
