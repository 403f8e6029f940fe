package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Future;

import io.greenhub.GreenKilledException;
import io.greenhub.KillRegistration;
import org.jspecify.annotations.Nullable;

/**
 * A green thread as its waits see it: what ends them. A kill, asked for by any thread,
 * reaches the green thread by an interrupt of its virtual thread, or by the cancel of its
 * delayed start, and by the close of the resources it registered; it is thrown at the
 * green thread at its next wait, once. Its open timeouts bound its parks and throw there
 * when they expire. {@link Blocking} calls these at every wait; the rest of the green
 * thread is {@link DefaultGreenThread}, the one subclass, so the hooks are monomorphic.
 * Public for the kill and timeout calls of the API package, as
 * {@link DefaultGreenThread}.
 */
public abstract sealed class GreenThreadWaits permits DefaultGreenThread {

	/** The kill cause of {@link #kill()}, which has none. */
	private static final Throwable NO_CAUSE = new Throwable("no cause") {

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	};

	private static final VarHandle KILL_CAUSE;

	private static final VarHandle CLOSERS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			KILL_CAUSE = lookup.findVarHandle(GreenThreadWaits.class, "killCause", Throwable.class);
			CLOSERS = lookup.findVarHandle(GreenThreadWaits.class, "closers", KillClosers.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

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

	/** The name, for the kill's message. */
	public abstract String name();

	/** Whether the outcome is set; a finished thread cannot be killed. */
	public abstract boolean isDone();

	/**
	 * Sets the outcome if none is set yet: a kill that ends the thread before it runs.
	 */
	abstract void finish(Object result);

	/**
	 * Records the virtual thread that runs this green thread, before it starts; called by
	 * the starting thread.
	 */
	void running(Thread virtualThread) {
		this.thread = virtualThread;
	}

	void startAfter(Future<?> start) {
		this.pendingStart = start;
		if (this.killCause != null && start.cancel(false)) {
			finish(new ThreadOutcome.Failure(killedException(null)));
		}
	}

	@Nullable Thread thread() {
		return this.thread;
	}

	boolean isKillRequested() {
		return this.killCause != null;
	}

	/**
	 * Returns the kill asked for before the function ran, marked as delivered, or
	 * {@code null}; called by this green thread as it starts.
	 */
	@Nullable GreenKilledException killBeforeRun() {
		if (this.killCause == null) {
			return null;
		}
		this.killDelivered = true;
		return killedException(null);
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

	/**
	 * Returns the exception a kill ends this green thread with: the one thrown, if it is
	 * a {@link GreenKilledException}, or a new one that keeps the thrown one suppressed.
	 */
	GreenKilledException killedException(@Nullable Throwable thrown) {
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

	public boolean kill() {
		return requestKill(NO_CAUSE);
	}

	public boolean kill(Throwable cause) {
		return requestKill(Objects.requireNonNull(cause, "cause"));
	}

	/**
	 * Asks for the kill; returns whether this call did, {@code false} when the thread had
	 * finished or been killed already. Throws only when it is the calling thread itself.
	 */
	private boolean requestKill(Throwable cause) {
		if (this.killCause != null || isDone() || !KILL_CAUSE.compareAndSet(this, null, cause)) {
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

}
