package io.greenhub.reliability;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.greenhub.Green;

/**
 * A logging appender that holds locks the way appenders do, and parks while it holds them: the
 * {@code synchronized} of {@link AppenderBase#doAppend} and a {@link ReentrantLock} of its own.
 * Used at once by green handlers and by event-loop callbacks, on the same carriers in loop mode.
 */
public class SharedLockAppender extends AppenderBase<ILoggingEvent> {

	private final ReentrantLock lock = new ReentrantLock();

	// Counted by the appending threads while they hold the lock; read by tests.
	static final AtomicLong greenAppends = new AtomicLong();

	static final AtomicLong otherAppends = new AtomicLong();

	/**
	 * Appends under the lock, parking 20 microseconds while holding it. Runs on the logging thread.
	 */
	@Override
	protected void append(ILoggingEvent event) {
		this.lock.lock();
		try {
			(Green.isGreen() ? greenAppends : otherAppends).incrementAndGet();
			LockSupport.parkNanos(20_000);
		}
		finally {
			this.lock.unlock();
		}
	}

}
