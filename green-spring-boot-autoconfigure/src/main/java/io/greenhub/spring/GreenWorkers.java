package io.greenhub.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenQueue;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Background green threads that belong to the application: a fixed number of workers that
 * start with the Spring context, stop with it, and take part in its graceful shutdown.
 * Declare one as a bean; each worker runs the same {@link Body} on a hub of its own
 * choosing (round robin):
 *
 * <pre class="code">
 * &#64;Bean
 * GreenWorkers orderWorkers(GreenHubGroup hubs, &#64;Qualifier("orders") GreenQueue&lt;Order&gt; orders) {
 *     return GreenWorkers.builder(hubs).name("order-worker").count(16).build((worker) -&gt; {
 *         for (Optional&lt;Order&gt; order = worker.awaitWork(orders); order.isPresent(); order = worker.awaitWork(orders)) {
 *             handle(order.get());
 *         }
 *     });
 * }
 * </pre>
 *
 * <h2>Lifecycle</h2> The workers are spawned by {@link #start()} and stopped by
 * {@link #stop()}, in {@link #DEFAULT_PHASE}: after the web server has started, and, at a
 * stop, after the server's graceful shutdown has let the requests in flight finish and
 * before the server stops. A stop is the same whether the context closes or only pauses
 * (Spring Framework 7 pauses cached test contexts) or is stopped: the workers are asked
 * to stop ({@link Worker#isStopping()} turns true), a worker waiting in
 * {@link Worker#awaitWork} for its next piece of work is ended at once, a worker at work
 * may finish it within the {@linkplain Builder#gracePeriod grace period} (taking what is
 * still queued, see {@link Worker#awaitWork(GreenQueue)}), and the workers still running
 * after it are killed. A start after a stop (a resume) spawns new workers. A worker whose
 * body ends, by returning or by an exception (logged at WARN), is not replaced.
 *
 * <h2>Threads</h2> {@link #start()} and {@link #stop()} are called by Spring on the
 * thread that starts or stops the context; {@code stop} blocks it for at most the grace
 * period and 5 seconds more for killed workers to unwind, and must not be called on a
 * green thread or an event loop. The {@link Worker} methods are called by the worker's
 * own green thread.
 */
public final class GreenWorkers implements SmartLifecycle {

	/**
	 * The phase of the workers: between the web server's graceful shutdown (the default
	 * phase less 1024) and green-hub's end of the green threads left (the default less
	 * 1536).
	 */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 1280;

	private final GreenHubGroup hubs;

	private final String name;

	private final int count;

	private final Duration gracePeriod;

	private final int phase;

	private final Body body;

	// Guarded by this, whose start and stop are called on the thread that starts and
	// stops the context.
	private final GreenWorkerShifts shifts = new GreenWorkerShifts();

	private GreenWorkers(Builder builder, Body body) {
		this.hubs = builder.hubs;
		this.name = builder.name;
		this.count = builder.count;
		this.gracePeriod = builder.gracePeriod;
		this.phase = builder.phase;
		this.body = body;
	}

	/**
	 * Starts building workers on the hub group.
	 * @param hubs the application's hub group
	 * @return a builder
	 */
	public static Builder builder(GreenHubGroup hubs) {
		return new Builder(hubs);
	}

	/** Spawns the workers; does nothing if they run. Returns at once. */
	@Override
	public synchronized void start() {
		this.shifts.start(this, this.hubs, this.count);
	}

	/**
	 * Stops the workers: ends those waiting for work at once, lets those at work finish
	 * within the grace period and kills those still running after it. Blocks the calling
	 * thread until they have all ended, at most 5 seconds after the kill (a worker that
	 * does not unwind by then is left, with a WARN).
	 */
	@Override
	public synchronized void stop() {
		this.shifts.stop(this.gracePeriod);
	}

	@Override
	public synchronized boolean isRunning() {
		return this.shifts.isRunning();
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Returns how many workers run now: 0 before the start and after a stop.
	 * @return the running workers
	 */
	public synchronized int running() {
		return this.shifts.running();
	}

	Body body() {
		return this.body;
	}

	@Override
	public String toString() {
		return "GreenWorkers '" + this.name + "' (" + this.count + ")";
	}

	/**
	 * What each worker runs, on its own green thread. It should wait for its work through
	 * {@link Worker#awaitWork} and return once that finds none (the workers stop).
	 */
	@FunctionalInterface
	public interface Body {

		/**
		 * Does the work of one worker until it is told to stop.
		 * @param worker the worker
		 * @throws Exception if it fails; the failure is logged at WARN and the worker
		 * ends
		 */
		void run(Worker worker) throws Exception;

	}

	/**
	 * One worker, as its body sees it. Its methods are called on the worker's own green
	 * thread.
	 */
	public interface Worker {

		/**
		 * Returns the number of the worker, from 0.
		 * @return its index
		 */
		int index();

		/**
		 * Returns whether the workers have been asked to stop. Returns at once.
		 * @return whether they stop
		 */
		boolean isStopping();

		/**
		 * Waits for the next piece of work: runs the wait (a queue's take, a sleep until
		 * the next round) and returns what it returns; a stop ends the wait at once (it
		 * is killed). Parks the green thread as the wait does. A stop that comes just as
		 * the wait has returned lets the worker have what it returned.
		 * @param <T> what the wait returns
		 * @param wait the wait, which a kill must end cleanly (every green-hub wait does)
		 * @return what the wait returned, or empty if the workers stop (at once if they
		 * stop already)
		 * @throws Exception what the wait throws
		 */
		<T> Optional<T> awaitWork(Callable<? extends @Nullable T> wait) throws Exception;

		/**
		 * Takes the next item of the queue, waiting for one while the workers run; once
		 * they stop, takes what is still queued without waiting, so that a stop finishes
		 * the queued work within its grace period. Parks the green thread while it waits.
		 * @param <T> the items
		 * @param queue the queue
		 * @return the item, or empty if the workers stop and the queue is empty, or the
		 * queue is closed and empty
		 */
		<T> Optional<T> awaitWork(GreenQueue<T> queue);

	}

	/**
	 * Builds {@link GreenWorkers}.
	 */
	public static final class Builder {

		private final GreenHubGroup hubs;

		private String name = "green-worker";

		private int count = 1;

		private Duration gracePeriod = Duration.ofSeconds(10);

		private int phase = DEFAULT_PHASE;

		private Builder(GreenHubGroup hubs) {
			this.hubs = Objects.requireNonNull(hubs, "hubs");
		}

		/**
		 * Sets the name of the workers, for the log. Default {@code green-worker}.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = Objects.requireNonNull(name, "name");
			return this;
		}

		/**
		 * Sets how many workers run. Default 1.
		 * @param count the number of workers, at least 1
		 * @return this builder
		 */
		public Builder count(int count) {
			if (count < 1) {
				throw new IllegalArgumentException("Worker count must be positive, was: " + count);
			}
			this.count = count;
			return this;
		}

		/**
		 * Sets how long the workers at work may go on at a stop before they are killed.
		 * Default 10 s.
		 * @param gracePeriod the grace period, not negative
		 * @return this builder
		 */
		public Builder gracePeriod(Duration gracePeriod) {
			if (gracePeriod.isNegative()) {
				throw new IllegalArgumentException("Grace period must not be negative, was: " + gracePeriod);
			}
			this.gracePeriod = gracePeriod;
			return this;
		}

		/**
		 * Sets the lifecycle phase. Default {@link GreenWorkers#DEFAULT_PHASE}.
		 * @param phase the phase
		 * @return this builder
		 */
		public Builder phase(int phase) {
			this.phase = phase;
			return this;
		}

		/**
		 * Builds the workers; they start with the context.
		 * @param body what each worker runs
		 * @return the workers
		 */
		public GreenWorkers build(Body body) {
			return new GreenWorkers(this, Objects.requireNonNull(body, "body"));
		}

	}

}
