package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenThreadInfo;
import io.greenhub.GreenTimeoutException;
import io.greenhub.KillRegistration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A green thread: a function, the virtual thread that runs it, its outcome, and a stack
 * of the threads and listeners waiting for that outcome.
 */
public final class DefaultGreenThread<T extends @Nullable Object>
		implements GreenThread<T>, Runnable, Thread.UncaughtExceptionHandler {

	private static final AtomicLong ids = new AtomicLong();

	/** The kill cause of {@link #kill()}, which has none. */
	private static final Throwable NO_CAUSE = new Throwable("no cause") {

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	};

	private static final VarHandle OUTCOME;

	private static final VarHandle KILL_CAUSE;

	private static final VarHandle CLOSERS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			OUTCOME = lookup.findVarHandle(DefaultGreenThread.class, "outcome", Object.class);
			KILL_CAUSE = lookup.findVarHandle(DefaultGreenThread.class, "killCause", Throwable.class);
			CLOSERS = lookup.findVarHandle(DefaultGreenThread.class, "closers", KillClosers.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final long id = ids.incrementAndGet();

	private final DefaultGreenHub hub;

	private final Callable<T> function;

	private final Completions<T> completions = new Completions<>(this);

	// Written once by the starting thread before the virtual thread starts; read by
	// killers.
	private volatile @Nullable Thread thread;

	// Written once by the thread that delays the start; read by killers.
	private volatile @Nullable Future<?> pendingStart;

	// Set once, by compare-and-set, by the first killer; read by this green thread at its
	// waits.
	private volatile @Nullable Throwable killCause;

	// Set once, by compare-and-set, by this green thread as it first registers; read by
	// killers.
	private volatile @Nullable KillClosers closers;

	// Written and read by this green thread only: whether the kill has been thrown at it.
	private boolean killDelivered;

	// Written and read by this green thread only: its open GreenTimeouts, outermost
	// first.
	private @Nullable ArrayList<TimeLimit> timeouts;

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
		if (this.killCause != null) {
			finish(new ThreadOutcome.Failure(killedException(null)));
			return;
		}
		Thread virtualThread = this.hub.newThread(this);
		// How current() finds this green thread: a slot every thread has, so a parked
		// green thread
		// costs no heap for it (a ScopedValue binding cost 200 bytes per thread, its
		// cache included).
		virtualThread.setUncaughtExceptionHandler(this);
		this.thread = virtualThread;
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

	void startAfter(Future<?> start) {
		this.pendingStart = start;
		if (this.killCause != null && start.cancel(false)) {
			finish(new ThreadOutcome.Failure(killedException(null)));
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
		if (this.killCause != null) {
			this.killDelivered = true;
			result = new ThreadOutcome.Failure(killedException(null));
		}
		else {
			try {
				T value = this.function.call();
				result = ThreadOutcome.of(value);
			}
			catch (Throwable ex) {
				result = new ThreadOutcome.Failure((this.killCause != null) ? killedException(ex) : ex);
			}
		}
		GreenChildren.ownerEnding(this, result instanceof ThreadOutcome.Failure || this.killCause != null);
		finish(result);
	}

	private void finish(Object result) {
		if (OUTCOME.compareAndSet(this, null, result)) {
			this.hub.finished(this);
			this.completions.complete();
		}
	}

	/**
	 * Returns whether a kill reached this green thread at one of its waits, even if its
	 * code caught the {@link GreenKilledException} and returned (as a Reactor task does,
	 * which hands the error to a subscriber that cancelled). Read by the thread itself as
	 * it finishes.
	 */
	boolean killReached() {
		return this.killCause != null && this.killDelivered;
	}

	/**
	 * Throws the pending kill at this green thread, once; called by it at each of its
	 * waits.
	 */
	void deliverKill() {
		if (this.killCause != null && !this.killDelivered) {
			this.killDelivered = true;
			Thread.interrupted();
			throw killedException(null);
		}
	}

	/**
	 * Arranges for a kill that was thrown but not acted on to be thrown again at the next
	 * wait.
	 */
	void redeliverKill() {
		if (this.killCause != null) {
			this.killDelivered = false;
		}
	}

	@Nullable Thread thread() {
		return this.thread;
	}

	boolean isKillRequested() {
		return this.killCause != null;
	}

	/**
	 * Returns the nanoseconds until the earliest deadline of this thread's open timeouts
	 * that have not fired yet, or {@link Long#MAX_VALUE} if it has none; called by this
	 * green thread only.
	 */
	long nanosToNextTimeout() {
		return (this.timeouts != null) ? TimeLimits.nanosToNext(this.timeouts) : Long.MAX_VALUE;
	}

	/**
	 * Adds an open time limit; called by this green thread only, as it starts a timeout.
	 * @param timeout the limit
	 */
	public void addTimeout(TimeLimit timeout) {
		if (this.timeouts == null) {
			this.timeouts = new ArrayList<>(2);
		}
		this.timeouts.add(timeout);
	}

	/**
	 * Removes a time limit; called by this green thread only, as it closes a timeout.
	 * @param timeout the limit
	 */
	public void removeTimeout(TimeLimit timeout) {
		if (this.timeouts != null) {
			this.timeouts.remove(timeout);
		}
	}

	/**
	 * Returns the open timeout that threw the exception, or {@code null}; called by this
	 * green thread only.
	 */
	@Nullable TimeLimit timeoutThatThrew(Throwable ex) {
		return (this.timeouts != null) ? TimeLimits.thatThrew(this.timeouts, ex) : null;
	}

	/**
	 * Throws the exception of the outermost expired timeout not yet thrown; called by
	 * this green thread at each of its waits.
	 */
	void deliverTimeouts() {
		if (this.timeouts != null) {
			TimeLimits.deliver(this.timeouts);
		}
	}

	private GreenKilledException killedException(@Nullable Throwable thrown) {
		if (thrown instanceof GreenKilledException killed) {
			return killed;
		}
		Throwable cause = this.killCause;
		GreenKilledException killed = new GreenKilledException("Green thread '" + name() + "' was killed",
				(cause != NO_CAUSE) ? cause : null);
		if (thrown != null && thrown != cause) {
			killed.addSuppressed(thrown);
		}
		return killed;
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
		Thread thread = this.thread;
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
		if (Thread.currentThread() == this.thread) {
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
	public boolean kill() {
		return requestKill(NO_CAUSE);
	}

	@Override
	public boolean kill(Throwable cause) {
		return requestKill(Objects.requireNonNull(cause, "cause"));
	}

	/**
	 * Asks for the kill; returns whether this call did, {@code false} when the thread had
	 * finished or been killed already. Throws only when it is the calling thread itself.
	 */
	private boolean requestKill(Throwable cause) {
		if (this.killCause != null || this.outcome != null || !KILL_CAUSE.compareAndSet(this, null, cause)) {
			return false;
		}
		Thread virtualThread = this.thread;
		if (virtualThread == Thread.currentThread()) {
			this.killDelivered = true;
			throw killedException(null);
		}
		Future<?> start = this.pendingStart;
		if (start != null && start.cancel(false)) {
			finish(new ThreadOutcome.Failure(killedException(null)));
		}
		else if (virtualThread != null) {
			virtualThread.interrupt();
		}
		KillClosers registered = this.closers;
		if (registered != null) {
			registered.closeAll();
		}
		return true;
	}

	/**
	 * Registers a resource for a kill of this green thread to close; called by this green
	 * thread. A kill requested before the registration was seen closes the resource at
	 * once.
	 * @param resource what a kill closes
	 * @return the registration
	 */
	public KillRegistration closeOnKill(AutoCloseable resource) {
		KillClosers registered = this.closers;
		if (registered == null) {
			KillClosers created = new KillClosers();
			registered = CLOSERS.compareAndSet(this, null, created) ? created : Objects.requireNonNull(this.closers);
		}
		KillRegistration registration = registered.register(resource);
		if (this.killCause != null) {
			registered.closeAll();
		}
		return registration;
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
