package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenThreadInfo;
import io.greenhub.GreenTimeoutException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A green thread: a function, the virtual thread that runs it, its outcome, and a stack
 * of the threads and listeners waiting for that outcome. What ends its waits, its kill
 * and its timeouts, is {@link GreenThreadWaits}.
 */
public final class DefaultGreenThread<T extends @Nullable Object> extends GreenThreadWaits
		implements GreenThread<T>, Runnable, Thread.UncaughtExceptionHandler {

	private static final AtomicLong ids = new AtomicLong();

	private static final VarHandle OUTCOME;

	static {
		try {
			OUTCOME = MethodHandles.lookup().findVarHandle(DefaultGreenThread.class, "outcome", Object.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long id = ids.incrementAndGet();

	private final DefaultGreenHub hub;

	private final Callable<T> function;

	private final Completions<T> completions = new Completions<>(this);

	// Set once, by compare-and-set, by whoever ends the thread: ThreadOutcome.NIL, a
	// value or a ThreadOutcome.Failure.
	private volatile @Nullable Object outcome;

	// The children of the owner that this thread is one of, or null; see GreenChildren.
	final @Nullable GreenChildren family;

	// Set once by compare-and-set in GreenChildren, by the first child's spawner or this
	// thread's end.
	volatile @Nullable GreenChildren children;

	DefaultGreenThread(DefaultGreenHub hub, Callable<T> function, @Nullable GreenChildren family) {
		this.hub = hub;
		this.function = function;
		this.family = family;
	}

	void start() {
		if (isKillRequested()) {
			finish(new ThreadOutcome.Failure(killedException(null)));
			return;
		}
		Thread virtualThread = this.hub.newThread(this);
		// How current() finds this green thread: a slot every thread has, so a parked
		// green thread
		// costs no heap for it (a ScopedValue binding cost 200 bytes per thread, its
		// cache included).
		virtualThread.setUncaughtExceptionHandler(this);
		running(virtualThread);
		this.hub.threadStarting();
		try {
			virtualThread.start();
		}
		catch (RuntimeException ex) {
			this.hub.threadEnded();
			finish(new ThreadOutcome.Failure(ex));
			throw ex;
		}
	}

	/**
	 * The green thread that the current thread runs. Found through the thread's
	 * uncaught-exception handler, which is this green thread: code that sets another
	 * handler on a green thread's own virtual thread makes it look like a plain virtual
	 * thread from then on.
	 * @return it, or null on any other thread
	 */
	public static @Nullable DefaultGreenThread<?> current() {
		return (Thread.currentThread().getUncaughtExceptionHandler() instanceof DefaultGreenThread<?> green) ? green
				: null;
	}

	@Override
	public void run() {
		try {
			runFunction();
		}
		finally {
			this.hub.threadEnded();
		}
	}

	/**
	 * Hands an exception that escaped {@link #run()} to the thread's group, as if this
	 * green thread were not the thread's handler. Runs on the green thread's own virtual
	 * thread, as it ends.
	 */
	@Override
	public void uncaughtException(Thread thread, Throwable exception) {
		thread.getThreadGroup().uncaughtException(thread, exception);
	}

	private void runFunction() {
		Object result;
		GreenKilledException killedEarly = killBeforeRun();
		if (killedEarly != null) {
			result = new ThreadOutcome.Failure(killedEarly);
		}
		else {
			try {
				T value = this.function.call();
				result = ThreadOutcome.of(value);
			}
			catch (Throwable ex) {
				result = new ThreadOutcome.Failure(isKillRequested() ? killedException(ex) : ex);
			}
		}
		GreenChildren.ownerEnding(this, result instanceof ThreadOutcome.Failure || isKillRequested());
		finish(result);
	}

	@Override
	void finish(Object result) {
		if (OUTCOME.compareAndSet(this, null, result)) {
			this.hub.finished(this);
			this.completions.complete();
		}
	}

	@Override
	public long id() {
		return this.id;
	}

	@Override
	public String name() {
		return "green-" + this.id;
	}

	@Override
	public GreenThreadInfo info() {
		Thread thread = thread();
		String owner = (this.family != null) ? this.family.ownerName() : null;
		if (isDone()) {
			// its outcome is set; its virtual thread may still be unwinding
			return new GreenThreadInfo(name(), this.hub.name(), Thread.State.TERMINATED, null, List.of(), owner);
		}
		if (thread == null) {
			return new GreenThreadInfo(name(), this.hub.name(), Thread.State.NEW, null, List.of(), owner);
		}
		Object blocker = LockSupport.getBlocker(thread);
		return new GreenThreadInfo(name(), this.hub.name(), thread.getState(),
				(blocker != null) ? blocker.toString() : null, List.of(thread.getStackTrace()), owner);
	}

	@Override
	public DefaultGreenHub hub() {
		return this.hub;
	}

	@Override
	public T join() {
		Object result = this.outcome;
		return report((result != null) ? result : await(-1));
	}

	@Override
	public T join(Duration timeout) {
		Objects.requireNonNull(timeout, "timeout");
		Object result = this.outcome;
		return report((result != null) ? result : await(Math.max(0, timeout.toNanos())));
	}

	private Object await(long nanos) {
		if (Thread.currentThread() == thread()) {
			throw new IllegalStateException("Green thread '" + name() + "' cannot join itself: it would wait forever");
		}
		Blocking.checkMayBlock("GreenThread.join");
		Object result = this.completions.await(nanos);
		if (result == null) {
			throw new GreenTimeoutException(
					"Green thread '" + name() + "' did not finish within " + Duration.ofNanos(nanos));
		}
		return result;
	}

	@Nullable Object outcome() {
		return this.outcome;
	}

	@Override
	public @Nullable T poll() {
		Object result = this.outcome;
		return (result != null) ? report(result) : null;
	}

	@Override
	public boolean isDone() {
		return this.outcome != null;
	}

	@Override
	public boolean isKilled() {
		return ThreadOutcome.isKilled(this.outcome);
	}

	// NIL stands for the null that the function returned: a value of T, so T is nullable
	// there.
	@SuppressWarnings({ "unchecked", "NullAway" })
	T report(Object result) {
		return ThreadOutcome.report(result);
	}

	/**
	 * Returns the exception this green thread ended with, or {@code null} if it returned
	 * a value or has not ended.
	 * @return the exception, or {@code null}
	 */
	public @Nullable Throwable error() {
		return ThreadOutcome.error(this.outcome);
	}

	@Override
	public void link(Consumer<? super GreenThread<T>> listener) {
		Objects.requireNonNull(listener, "listener");
		this.completions.link(listener, listener);
	}

	@Override
	public void linkValue(Consumer<? super @Nullable T> listener) {
		Objects.requireNonNull(listener, "listener");
		this.completions.link(listener, (thread) -> {
			Object result = this.outcome;
			if (!(result instanceof ThreadOutcome.Failure)) {
				listener.accept(report(Objects.requireNonNull(result)));
			}
		});
	}

	@Override
	public void linkException(Consumer<? super Throwable> listener) {
		Objects.requireNonNull(listener, "listener");
		this.completions.link(listener, (thread) -> {
			if (this.outcome instanceof ThreadOutcome.Failure failure) {
				listener.accept(failure.error());
			}
		});
	}

	@Override
	public boolean unlink(Object listener) {
		return this.completions.unlink(Objects.requireNonNull(listener, "listener"));
	}

	@Override
	public Mono<T> toMono() {
		return Monos.outcomeOf(this);
	}

	@Override
	public String toString() {
		return "GreenThread '" + name() + "' on hub '" + this.hub.name() + "' (" + ThreadOutcome.describe(this.outcome)
				+ ")";
	}

}
