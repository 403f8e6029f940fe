package io.greenhub.primitives;

import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.internal.WaitList;
import io.greenhub.internal.Waiter;

/**
 * The unfinished items of a {@link GreenQueue}, eventlet's {@code task_done} and
 * {@code join}: every item put counts until a consumer marks it done, and joiners wait
 * until none counts. Guarded by the queue's lock, which {@link #added()} and
 * {@link #done(String)} are called under.
 */
final class QueueTasks {

	private final ReentrantLock lock;

	private final WaitList<Object> joiners;

	private long unfinished;

	QueueTasks(ReentrantLock lock) {
		this.lock = lock;
		this.joiners = new WaitList<>(lock);
	}

	/** Counts an item put; under the lock. */
	void added() {
		this.unfinished++;
	}

	/** Marks one item done, and lets the joiners go when none is left; under the lock. */
	void done(String queueName) {
		if (this.unfinished == 0) {
			throw new IllegalStateException("Queue '" + queueName + "' has no unfinished items: taskDone() was "
					+ "called more times than items were put");
		}
		if (--this.unfinished == 0) {
			this.joiners.grantAll(null);
		}
	}

	/** Waits, outside the lock, until no item is unfinished. */
	void await(Object blocker) {
		Waiter<Object> waiter = new Waiter<>(null);
		this.lock.lock();
		try {
			if (this.unfinished == 0) {
				return;
			}
			this.joiners.add(waiter);
		}
		finally {
			this.lock.unlock();
		}
		this.joiners.await(waiter, -1, blocker);
	}

}
