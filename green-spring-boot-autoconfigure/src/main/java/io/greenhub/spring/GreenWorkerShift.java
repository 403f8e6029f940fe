package io.greenhub.spring;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenQueueClosedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of {@link GreenWorkers}, from a start to its end: its body's run and its
 * state, which tells a stop whether the worker waits for work (it is killed at once) or
 * is at work.
 */
final class GreenWorkerShift implements GreenWorkers.Worker {

	private static final int BUSY = 0;

	private static final int WAITING = 1;

	private static final int STOPPED = 2;

	private static final Logger logger = LoggerFactory.getLogger(GreenWorkers.class);

	private final GreenWorkers workers;

	private final int index;

	// Written by the worker (BUSY and WAITING) and by the stopping thread (STOPPED), by
	// compare-and-set; read by both.
	private final AtomicInteger state = new AtomicInteger(BUSY);

	// Written once by start, right after the spawn; read by stop, on the same thread as
	// start.
	volatile @Nullable GreenThread<?> thread;

	GreenWorkerShift(GreenWorkers workers, int index) {
		this.workers = workers;
		this.index = index;
	}

	/** Runs the body; on the worker's green thread. */
	void run() {
		try {
			this.workers.body().run(this);
		}
		catch (GreenKilledException ex) {
			if (this.state.get() != STOPPED) {
				throw ex;
			}
		}
		catch (Exception ex) {
			logger.warn("Green worker {} of {} failed", this.index, this.workers, ex);
		}
	}

	/**
	 * Asks the worker to stop: a waiting one is killed; called by the stopping thread.
	 */
	void stop() {
		if (this.state.getAndSet(STOPPED) == WAITING) {
			GreenThread<?> thread = this.thread;
			if (thread != null) {
				thread.kill();
			}
		}
	}

	@Override
	public int index() {
		return this.index;
	}

	@Override
	public boolean isStopping() {
		return this.state.get() == STOPPED;
	}

	@Override
	public <T> Optional<T> awaitWork(Callable<? extends @Nullable T> wait) throws Exception {
		if (!this.state.compareAndSet(BUSY, WAITING)) {
			return Optional.empty();
		}
		T work;
		try {
			work = wait.call();
		}
		catch (GreenKilledException ex) {
			if (this.state.get() == STOPPED) {
				return Optional.empty();
			}
			throw ex;
		}
		if (!this.state.compareAndSet(WAITING, BUSY)) {
			// stopped just now: the kill is on its way, and the worker keeps what it got
			absorbKill();
		}
		return Optional.ofNullable(work);
	}

	@Override
	public <T> Optional<T> awaitWork(GreenQueue<T> queue) {
		if (isStopping()) {
			return Optional.ofNullable(queue.poll());
		}
		try {
			return awaitWork(queue::take);
		}
		catch (GreenQueueClosedException ex) {
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Waits for the kill that a stop has sent or is sending to this waiting worker. */
	private void absorbKill() {
		try {
			Green.sleep(Duration.ofDays(1));
		}
		catch (GreenKilledException ex) {
			// the stop's kill, which found the worker waiting
		}
	}

}
