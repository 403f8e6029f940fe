package io.greenhub.autoconfigure.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.AsyncTaskExecutor;

/**
 * Runs each task on a new green thread of the caller's hub: the blocking executor that WebFlux
 * uses for {@code @GreenHandler} methods.
 *
 * <p>Reactor submits the handling of a request here and cancels the returned future when the
 * request is cancelled (the client went away, or {@code green.handler.timeout} passed): that kills
 * the green thread, whose {@code finally} blocks then run. The limits themselves are applied per
 * request by {@link GreenHandlerFilter}, since one request may submit more than one task.
 */
final class GreenHandlerExecutor extends AbstractExecutorService implements AsyncTaskExecutor {

	/** How long a cancelling thread waits for the killed handler to unwind. */
	private static final Duration UNWIND = Duration.ofSeconds(1);

	private final GreenHubGroup hubs;

	// Counted by the threads that cancel; read by metrics and tests.
	private final LongAdder cancelled = new LongAdder();

	// Set once by the thread that shuts the executor down; read by submitting threads.
	private volatile boolean shutdown;

	GreenHandlerExecutor(GreenHubGroup hubs) {
		this.hubs = hubs;
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
			throw new ShuttingDownException("Green handler executor is shut down", null);
		}
		GreenThread<T> thread;
		try {
			thread = onAHub() ? Green.spawn(task) : this.hubs.spawn(task);
		}
		catch (RejectedExecutionException ex) {
			// the only rejection a spawn makes: the hub group is closed
			throw new ShuttingDownException(ex.getMessage(), ex);
		}
		return new GreenFuture<>(thread, this.cancelled);
	}

	/**
	 * A green handler refused because the application is shutting down: the executor or the hub
	 * group is closed. Thrown on the thread that submits the handler, the event loop serving the
	 * request.
	 */
	static final class ShuttingDownException extends RejectedExecutionException {

		ShuttingDownException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

	private static boolean onAHub() {
		try {
			Green.currentHub();
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	long cancelled() {
		return this.cancelled.sum();
	}

	@Override
	public void shutdown() {
		this.shutdown = true;
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
		// green handlers end with the hub group, which waits for them and kills the rest
		return this.shutdown;
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	/**
	 * A green thread seen as a future: cancelling it with {@code mayInterruptIfRunning} kills the
	 * thread and, where the cancelling thread may wait, waits a little for it to unwind, so that
	 * whatever answers the request next does not race the killed handler. Reactor cancels without
	 * interrupting only when a task disposes of itself: then the thread is left to end.
	 */
	private record GreenFuture<T>(GreenThread<T> thread, LongAdder cancellations) implements Future<T> {

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (!mayInterruptIfRunning) {
				return false;
			}
			try {
				if (!this.thread.kill()) {
					return false;
				}
			}
			catch (IllegalStateException ex) {
				// killed already
				return false;
			}
			this.cancellations.increment();
			try {
				this.thread.join(UNWIND);
			}
			catch (RuntimeException ex) {
				// its outcome, or the time ran out, or this thread may not wait (an event loop)
			}
			return true;
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
