package io.greenhub.reliability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.greenhub.Green;

/**
 * A logging appender that holds locks the way appenders do, and yields its carrier while
 * it holds them: the {@code synchronized} of {@link AppenderBase#doAppend} and a
 * {@link ReentrantLock} of its own. Used at once by green handlers and by event-loop
 * callbacks, on the same carriers in loop mode.
 */
public class SharedLockAppender extends AppenderBase<ILoggingEvent> {

	private final ReentrantLock lock = new ReentrantLock();

	// Counted by the appending threads while they hold the lock; read by tests.
	static final AtomicLong greenAppends = new AtomicLong();

	static final AtomicLong otherAppends = new AtomicLong();

	/**
	 * Appends under the lock, yielding its carrier while holding it. Runs on the logging
	 * thread.
	 */
	@Override
	protected void append(ILoggingEvent event) {
		this.lock.lock();
		try {
			(Green.isGreen() ? greenAppends : otherAppends).incrementAndGet();
			// gives the carrier away while holding both locks: on a green thread or a
			// loop-mode loop, the
			// others on the same carrier run meanwhile, and may want these locks
			Thread.yield();
		}
		finally {
			this.lock.unlock();
		}
	}

}
