package io.greenhub.redis;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many batches of one kind (one queue's puts, or its reads) are in flight, at most
 * {@link #MOST}. While fewer are, a caller sends its batch at once; while that many are,
 * callers wait for an answer and share the next batch. So a few threads of one instance
 * each pay one round trip, as they would with commands of their own, and more share their
 * round trips, which costs Redis less per operation when it is busiest. Started by the
 * thread that sends a batch, ended by its answer's (Lettuce's event loop, or the thread
 * that failed it).
 */
final class InFlight {

	/** The most batches of one kind in flight at once. */
	static final int MOST = 4;

	// batches sent and not answered: written by senders and answers, read by both
	private final AtomicInteger count = new AtomicInteger();

	/** Counts one more batch in flight, unless {@link #MOST} are: returns at once. */
	boolean tryStart() {
		for (;;) {
			int now = this.count.get();
			if (now >= MOST) {
				return false;
			}
			if (this.count.compareAndSet(now, now + 1)) {
				return true;
			}
		}
	}

	/** Counts one batch fewer: its answer came, or it was never sent. */
	void end() {
		this.count.decrementAndGet();
	}

	/** How many batches are in flight. */
	int count() {
		return this.count.get();
	}

}
