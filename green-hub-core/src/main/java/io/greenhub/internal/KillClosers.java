package io.greenhub.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import io.greenhub.KillRegistration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a kill of one green thread closes: resources that the thread reads or writes
 * through code that does not answer an interrupt, such as an {@code InputStream} over a
 * Reactor publisher. It is the JDK's {@code InterruptibleChannel} rule (an interrupt
 * closes the channel its thread is blocked on) for resources that green-hub does not
 * know.
 *
 * <p>
 * The green thread registers and deregisters; the killing thread closes, once, whatever
 * is registered, and any resource registered after that is closed at once by the
 * registering thread. Each resource is closed at most once, outside the lock.
 */
final class KillClosers {

	private static final Logger logger = LoggerFactory.getLogger(KillClosers.class);

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock: the registered resources, in order; null once closed by a kill.
	private @Nullable List<AutoCloseable> resources = new ArrayList<>(2);

	KillRegistration register(AutoCloseable resource) {
		this.lock.lock();
		try {
			if (this.resources != null) {
				this.resources.add(resource);
				return () -> deregister(resource);
			}
		}
		finally {
			this.lock.unlock();
		}
		close(resource);
		return () -> {
		};
	}

	private void deregister(AutoCloseable resource) {
		this.lock.lock();
		try {
			if (this.resources != null) {
				this.resources.removeIf((registered) -> registered == resource);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Closes every registered resource, newest first, and every one registered from now
	 * on.
	 */
	void closeAll() {
		List<AutoCloseable> registered;
		this.lock.lock();
		try {
			registered = this.resources;
			this.resources = null;
		}
		finally {
			this.lock.unlock();
		}
		if (registered != null) {
			for (int i = registered.size() - 1; i >= 0; i--) {
				close(registered.get(i));
			}
		}
	}

	private static void close(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception ex) {
			logger.debug("Closing {} for a kill failed", resource, ex);
		}
	}

}
