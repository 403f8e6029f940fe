package io.greenhub.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenChildContext;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import org.jspecify.annotations.Nullable;

/**
 * A hub: an event loop, the factory of its green threads, and the set of those still
 * alive.
 */
public final class DefaultGreenHub extends HubCounters {

	private final HubGroupRuntime group;

	private final int index;

	private final String name;

	private final HubMode mode;

	private final HubEventLoop eventLoop;

	private final ThreadFactory greenThreads;

	// Added to by the spawning thread, removed from by the finishing green thread; read
	// by anyone.
	private final Set<DefaultGreenThread<?>> alive = ConcurrentHashMap.newKeySet();

	// Incremented by the thread that starts a green thread's virtual thread, decremented
	// by that
	// virtual thread as its very last action; read by the carrier to know when it may
	// stop.
	private final AtomicInteger runningThreads = new AtomicInteger();

	DefaultGreenHub(HubGroupRuntime group, int index, HubMode mode, HubEventLoop eventLoop,
			ThreadFactory greenThreads) {
		this.group = group;
		this.index = index;
		this.name = group.name() + "-" + index;
		this.mode = mode;
		this.eventLoop = eventLoop;
		this.greenThreads = greenThreads;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public int index() {
		return this.index;
	}

	@Override
	public HubMode mode() {
		return this.mode;
	}

	@Override
	public GreenHubGroup group() {
		return this.group.group();
	}

	@Override
	public HubEventLoop eventLoop() {
		return this.eventLoop;
	}

	@Override
	public <T extends @Nullable Object> GreenThread<T> spawn(Callable<T> function) {
		return spawn(function, DefaultGreenThread.current());
	}

	/**
	 * Starts a green thread as a child of the owner, or owned by no one if it is null.
	 * @param <T> the type of the result
	 * @param function the function
	 * @param owner the green thread the new one is a child of, or {@code null}
	 * @return the green thread
	 * @throws java.util.concurrent.RejectedExecutionException if the group is closed
	 */
	public <T extends @Nullable Object> DefaultGreenThread<T> spawn(Callable<T> function,
			@Nullable DefaultGreenThread<?> owner) {
		DefaultGreenThread<T> thread = create(function, owner);
		thread.start();
		return thread;
	}

	@Override
	public GreenThread<@Nullable Void> spawn(Runnable task) {
		Objects.requireNonNull(task, "task");
		return spawn(Executors.callable(task, null));
	}

	@Override
	public <T extends @Nullable Object> GreenThread<T> spawnAfter(Duration delay, Callable<T> function) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("Delay of a green thread must not be negative, was: " + delay);
		}
		DefaultGreenThread<T> thread = create(function, DefaultGreenThread.current());
		thread.startAfter(this.eventLoop.schedule(thread::start, delay.toNanos(), TimeUnit.NANOSECONDS));
		return thread;
	}

	private <T extends @Nullable Object> DefaultGreenThread<T> create(Callable<T> function,
			@Nullable DefaultGreenThread<?> owner) {
		Objects.requireNonNull(function, "function");
		this.group.checkOpen();
		GreenChildContext context = this.group.childContext();
		Callable<T> body = (context != null && DefaultGreenThread.current() != null) ? context.inherit(function)
				: function;
		GreenChildren family = (owner != null) ? GreenChildren.of(owner) : null;
		DefaultGreenThread<T> thread = new DefaultGreenThread<>(this, body, family);
		this.alive.add(thread);
		this.spawned.increment();
		if (family != null) {
			family.adopt(thread);
		}
		return thread;
	}

	Thread newThread(Runnable body) {
		return this.greenThreads.newThread(body);
	}

	void threadStarting() {
		this.runningThreads.incrementAndGet();
	}

	void threadEnded() {
		this.runningThreads.decrementAndGet();
	}

	/**
	 * Returns how many virtual threads of this hub have started and not yet ended, links
	 * included.
	 */
	int runningThreads() {
		return this.runningThreads.get();
	}

	void finished(DefaultGreenThread<?> thread) {
		this.alive.remove(thread);
		GreenChildren family = thread.family;
		if (family != null) {
			family.finished(thread);
		}
		countEnded(thread);
	}

	/**
	 * Counts a green thread of this hub killed because its owner ended by an exception or
	 * its scope killed it. Called by the killing thread.
	 */
	public void childKilled() {
		this.childrenKilled.increment();
	}

	@Override
	public Duration currentStall() {
		return this.group.currentStall(this.index);
	}

	@Override
	public @Nullable String loopThreadName() {
		Thread thread = loopThread();
		return (thread != null) ? thread.getName() : null;
	}

	@Nullable Thread loopThread() {
		return this.eventLoop.loopThread();
	}

	@Override
	public Collection<GreenThread<?>> greenThreads() {
		return List.copyOf(this.alive);
	}

	/**
	 * Returns the green threads of this hub that have not finished, at the moment of the
	 * call, as the runtime sees them.
	 * @return a snapshot of the live green threads
	 */
	public List<DefaultGreenThread<?>> liveThreads() {
		return List.copyOf(this.alive);
	}

	@Override
	public int alive() {
		return this.alive.size();
	}

	@Override
	public String toString() {
		return "GreenHub '" + this.name + "' (" + this.mode.name().toLowerCase() + " mode)";
	}

}
