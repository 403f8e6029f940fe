package io.greenhub.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import io.greenhub.spring.GreenHandlerRejectedException;
import io.greenhub.spring.GreenHandlerTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Runs each task on a new green thread of the caller's hub, with the limits of
 * {@code green.handler.*}: the blocking executor that WebFlux uses for {@code @GreenHandler}
 * methods.
 *
 * <p>Reactor submits each invocation here and cancels the returned future when the request is
 * cancelled (the client went away): that kills the green thread. A task that runs longer than the
 * timeout is killed with a {@link GreenHandlerTimeoutException} as the cause. Beyond
 * {@code maxInFlight} running tasks, a submission throws {@link GreenHandlerRejectedException} at
 * once. Timeouts are timed by a platform thread of this executor's own, never by a hub's event
 * loop, which may itself be waiting for the handler.
 */
final class GreenHandlerExecutor extends AbstractExecutorService implements AsyncTaskExecutor {

	private final Duration timeout;

	private final int maxInFlight;

	private final ScheduledThreadPoolExecutor timer;

	// Incremented by submitting threads, decremented by finishing green threads; read by anyone.
	private final AtomicInteger inFlight = new AtomicInteger();

	// Counted by the threads that reject, time out or cancel; read by metrics and tests.
	private final LongAdder rejected = new LongAdder();

	private final LongAdder timedOut = new LongAdder();

	private final LongAdder cancelled = new LongAdder();

	// Added to by the timer thread, removed from by each green thread as it ends; read by the
	// exception advice on the green thread itself.
	private final Set<GreenThread<?>> timedOutThreads = ConcurrentHashMap.newKeySet();

	// Set once by the thread that shuts the executor down; read by submitting threads.
	private volatile boolean shutdown;

	GreenHandlerExecutor(Duration timeout, int maxInFlight) {
		this.timeout = timeout;
		this.maxInFlight = maxInFlight;
		this.timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "green-handler-timeouts");
			thread.setDaemon(true);
			return thread;
		});
		this.timer.setRemoveOnCancelPolicy(true);
	}

	@Override
	public void execute(Runnable task) {
		spawn(Executors.callable(task, null));
	}

	@Override
	public Future<?> submit(Runnable task) {
		return spawn(Executors.callable(task, null));
	}

	@Override
	public <T> Future<T> submit(Callable<T> task) {
		return spawn(task);
	}

	private <T> Future<T> spawn(Callable<T> task) {
		if (this.shutdown) {
			throw new RejectedExecutionException("Green handler executor is shut down");
		}
		if (this.inFlight.incrementAndGet() > this.maxInFlight) {
			this.inFlight.decrementAndGet();
			this.rejected.increment();
			throw new GreenHandlerRejectedException(this.maxInFlight);
		}
		GreenThread<T> thread;
		try {
			thread = Green.spawn(task);
		}
		catch (RuntimeException ex) {
			this.inFlight.decrementAndGet();
			throw ex;
		}
		ScheduledFuture<?> deadline = this.timeout.isZero() ? null
				: this.timer.schedule(() -> timeOut(thread), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		thread.link((ended) -> {
			this.timedOutThreads.remove(ended);
			this.inFlight.decrementAndGet();
			if (deadline != null) {
				deadline.cancel(false);
			}
		});
		return new GreenFuture<>(thread, this.cancelled);
	}

	private void timeOut(GreenThread<?> thread) {
		try {
			this.timedOutThreads.add(thread);
			if (thread.kill(new GreenHandlerTimeoutException(this.timeout))) {
				this.timedOut.increment();
			}
			else {
				this.timedOutThreads.remove(thread);
			}
		}
		catch (IllegalStateException ex) {
			// killed already, by a cancellation
		}
	}

	/**
	 * Returns whether the calling green thread is a handler that this executor killed for running
	 * past its timeout.
	 */
	boolean isTimedOut(GreenThread<?> thread) {
		return this.timedOutThreads.contains(thread);
	}

	Duration timeout() {
		return this.timeout;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long rejected() {
		return this.rejected.sum();
	}

	long timedOut() {
		return this.timedOut.sum();
	}

	long cancelled() {
		return this.cancelled.sum();
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
		this.timer.shutdownNow();
	}

	@Override
	public List<Runnable> shutdownNow() {
		shutdown();
		return List.of();
	}

	@Override
	public boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public boolean isTerminated() {
		return this.shutdown && this.inFlight.get() == 0;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		// green handlers end with the hub group, which waits for them and kills the rest
		return isTerminated();
	}

	/**
	 * A green thread seen as a future: cancelling it kills the thread.
	 */
	private record GreenFuture<T>(GreenThread<T> thread, LongAdder cancellations) implements Future<T> {

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			try {
				if (this.thread.kill()) {
					this.cancellations.increment();
					return true;
				}
			}
			catch (IllegalStateException ex) {
				// killed already, by the timeout
			}
			return false;
		}

		@Override
		public boolean isCancelled() {
			return this.thread.isKilled();
		}

		@Override
		public boolean isDone() {
			return this.thread.isDone();
		}

		@Override
		public @Nullable T get() throws ExecutionException {
			try {
				return this.thread.join();
			}
			catch (GreenKilledException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new ExecutionException(ex);
			}
		}

		@Override
		public @Nullable T get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
			try {
				return this.thread.join(Duration.ofNanos(unit.toNanos(timeout)));
			}
			catch (GreenTimeoutException ex) {
				throw new TimeoutException(ex.getMessage());
			}
			catch (GreenKilledException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw new ExecutionException(ex);
			}
		}

	}

}
