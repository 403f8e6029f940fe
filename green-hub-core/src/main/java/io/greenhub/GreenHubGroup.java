package io.greenhub;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.CarrierTimes;
import io.greenhub.internal.HubGroupRuntime;
import io.netty.channel.EventLoopGroup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * A group of hubs, one per event loop, that is also the Reactor Netty
 * {@link LoopResources} of the servers and clients that use it: so a connection's event
 * loop and the green threads that serve it belong to one hub.
 *
 * <pre>{@code
 * try (GreenHubGroup hubs = GreenHubGroup.builder().name("app").build()) {
 *     DisposableServer server = HttpServer.create().runOn(hubs)
 *         .handle((req, res) -> res.sendString(Green.deferToGreenThread(() -> render(req))))
 *         .bindNow();
 *     ...
 * }
 * }</pre>
 *
 * <p>
 * The first group built while no other is open becomes the default group, the one that
 * {@link Green#spawn(Callable)} uses when called outside any hub; it stops being the
 * default when it is closed.
 *
 * <p>
 * {@link #close()} stops new green threads, waits for the running ones for the grace
 * period, kills those still running, and shuts the event loops down. Every other method
 * returns at once and may be called from any thread.
 */
public final class GreenHubGroup implements LoopResources, AutoCloseable {

	// final before the event loops start, which read them through the accessors
	private final HubGroupSettings.Resolved settings;

	private final HubGroupRuntime runtime;

	private GreenHubGroup(HubGroupSettings.Resolved settings) {
		this.settings = settings;
		// last: the loops it starts read the settings; its other threads start in build()
		this.runtime = new HubGroupRuntime(this, settings.hubCount(), settings.nativeTransport(),
				settings.childContext(), settings.carrierTimes());
	}

	/**
	 * Returns a builder of hub groups.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a group built with the defaults: mode {@code auto}; in loop mode one hub
	 * per core (at least 2), in pool mode one per core (at least 4, as Reactor Netty's
	 * default).
	 * @return a new group
	 */
	public static GreenHubGroup create() {
		return builder().build();
	}

	/**
	 * Returns the name of this group, the prefix of its hubs' and threads' names.
	 * @return the name
	 */
	public String name() {
		return this.settings.name();
	}

	/**
	 * Returns the mode the hubs run in, {@link HubMode#LOOP} or {@link HubMode#POOL}.
	 * @return the mode
	 */
	public HubMode mode() {
		return this.settings.mode();
	}

	/**
	 * Returns how long an event loop may be held before the stall is reported;
	 * {@link Duration#ZERO} if blocking detection is off.
	 * @return the blocking detection threshold
	 */
	public Duration blockingDetectionThreshold() {
		return this.settings.blockingDetectionThreshold();
	}

	/**
	 * Returns how long a loop-mode carrier may be held by one continuation before another
	 * hub's free carrier takes its hub's other work over; {@link Duration#ZERO} if work
	 * stealing is off (so always in pool mode, with a single hub, and in a JVM that has a
	 * single processor).
	 * @return the work-stealing threshold
	 */
	public Duration workStealingThreshold() {
		return this.settings.workStealingThreshold();
	}

	/**
	 * Returns whether pinned parks of this group's green threads are counted and
	 * reported: set by the builder, and only while blocking detection is on.
	 * @return whether pinned parks are reported
	 */
	public boolean reportsPinnedParks() {
		return this.settings.reportsPinnedParks();
	}

	/**
	 * Adds a listener for samples of every hub's lag, which it receives from the next
	 * round of the watchdog on (a few times per blocking-detection threshold, or every 25
	 * ms with detection off) until it is removed or the group closes. Returns at once.
	 * @param listener the listener, called on the hubs' probe green threads
	 * @see HubLagListener
	 */
	public void addLagListener(HubLagListener listener) {
		this.runtime.addLagListener(listener);
	}

	/**
	 * Removes a listener added by {@link #addLagListener(HubLagListener)}. Returns at
	 * once; a sample being reported may still reach it.
	 * @param listener the listener
	 * @return whether it was there
	 */
	public boolean removeLagListener(HubLagListener listener) {
		return this.runtime.removeLagListener(listener);
	}

	/**
	 * Returns the hubs, in index order.
	 * @return the hubs
	 */
	public List<GreenHub> hubs() {
		return List.copyOf(this.runtime.hubs());
	}

	/**
	 * Returns the next hub in round-robin order.
	 * @return a hub
	 */
	public GreenHub next() {
		return this.runtime.nextHub();
	}

	/**
	 * Starts a green thread on the next hub that calls the function.
	 * @param <T> the type of the result
	 * @param function the function
	 * @return the green thread
	 * @throws RejectedExecutionException if the group is closed
	 */
	public <T extends @Nullable Object> GreenThread<T> spawn(Callable<T> function) {
		return next().spawn(function);
	}

	/**
	 * Returns how many green threads of all hubs have not finished.
	 * @return the number of live green threads
	 */
	public int alive() {
		return this.runtime.alive();
	}

	/**
	 * Returns how many channels of all hubs are open now.
	 * @return the number of open channels
	 * @see GreenHub#openChannels()
	 */
	public int openChannels() {
		return this.runtime.openChannels();
	}

	/**
	 * Returns whether {@link #close()} has been called.
	 * @return whether the group is closed
	 */
	public boolean isClosed() {
		return this.runtime.isClosed();
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.runtime.loops();
	}

	@Override
	public boolean daemon() {
		return true;
	}

	@Override
	public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
		return Mono.<Void>fromRunnable(() -> close(timeout)).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public boolean isDisposed() {
		return this.runtime.isClosed();
	}

	/**
	 * Closes this group with the grace period it was built with.
	 * @see #close(Duration)
	 */
	@Override
	public void close() {
		close(this.settings.shutdownGracePeriod());
	}

	/**
	 * Stops new green threads, waits at most the grace period for the running ones, kills
	 * those still running and waits for them to unwind, then shuts the event loops down.
	 * Blocks the calling thread; a second call returns at once.
	 * @param gracePeriod how long the running green threads may go on
	 * @return how many green threads were killed
	 * @throws IllegalStateException if called on a green thread or an event loop of any
	 * hub
	 */
	public int close(Duration gracePeriod) {
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		checkMayWait("cannot be closed from thread '" + Thread.currentThread().getName()
				+ "', which it may have to wait for");
		if (!this.runtime.close()) {
			return 0;
		}
		try {
			return killGreenThreads(gracePeriod);
		}
		finally {
			this.runtime.stop();
		}
	}

	/**
	 * Waits at most the grace period for the green threads running now, kills those still
	 * running and waits for them to unwind, and logs how many it killed; the group stays
	 * open. Blocks the calling thread. Used by an application's shutdown before its
	 * server stops.
	 * @param gracePeriod how long the running green threads may go on
	 * @return how many green threads were killed
	 * @throws IllegalStateException if called on a green thread or an event loop of any
	 * hub
	 */
	public int killGreenThreads(Duration gracePeriod) {
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		checkMayWait("cannot wait for its green threads on thread '" + Thread.currentThread().getName() + "'");
		return this.runtime.killGreenThreads(gracePeriod);
	}

	// a hub's own threads cannot wait for the hubs to drain
	private void checkMayWait(String refusal) {
		if (Blocking.currentGreenThread() != null || Blocking.isEventLoopThread()) {
			throw new IllegalStateException("Hub group '" + name() + "' " + refusal);
		}
	}

	@Override
	public String toString() {
		return "GreenHubGroup '" + name() + "' (" + this.runtime.hubs().size() + " hubs, " + mode().name().toLowerCase()
				+ " mode)";
	}

	/**
	 * Builds a {@link GreenHubGroup}.
	 */
	public static final class Builder {

		private final HubGroupSettings settings = new HubGroupSettings();

		private Builder() {
		}

		/**
		 * Sets where blocking detection reads the carriers' CPU time and run-queue wait;
		 * the JVM's and the OS's by default. For tests that simulate a carrier the OS
		 * does not schedule.
		 */
		Builder carrierTimes(CarrierTimes times) {
			this.settings.carrierTimes(times);
			return this;
		}

		/**
		 * Sets how long an event loop may be held (by a green thread that computes
		 * without parking in loop mode, or by loop code) before the stall is reported at
		 * WARN with the stack of what holds it; 100 ms by default, {@link Duration#ZERO}
		 * turns blocking detection off.
		 * @param threshold the threshold
		 * @return this builder
		 */
		public Builder blockingDetectionThreshold(Duration threshold) {
			this.settings.blockingDetectionThreshold(threshold);
			return this;
		}

		/**
		 * Sets whether green threads that park pinned to their carrier for 20 ms or more
		 * are counted and reported at WARN, from JFR's {@code jdk.VirtualThreadPinned}
		 * events, while blocking detection is on; off by default. Reporting runs one JFR
		 * stream per JVM, which adds about 140 ns to every park and unpark of every
		 * virtual thread (the {@code Observed} benchmarks show it). A pinned park that
		 * holds a loop past the blocking-detection threshold is reported as a stall, with
		 * its stack, either way.
		 * @param enabled whether to report pinned parks
		 * @return this builder
		 */
		public Builder pinnedParkReports(boolean enabled) {
			this.settings.pinnedParkReports(enabled);
			return this;
		}

		/**
		 * Sets how a green thread's context (thread-local state such as a logging MDC)
		 * follows the green threads it spawns; by default none does.
		 * @param childContext called on each green thread that spawns another, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder childContext(@Nullable GreenChildContext childContext) {
			this.settings.childContext(childContext);
			return this;
		}

		/**
		 * Sets the name, the prefix of the hubs' and threads' names; {@code green} by
		 * default.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.settings.name(name);
			return this;
		}

		/**
		 * Sets whether, in loop mode, a carrier held by one continuation longer than the
		 * {@linkplain #workStealingThreshold(Duration) threshold} lends its hub's other
		 * runnable work (green threads and the hub's event loop) to another hub's free
		 * carrier until it is free again; on by default, or as the system property
		 * {@code green.hub.work-stealing.enabled} says. Without effect in pool mode,
		 * whose green threads run on the JDK's scheduler.
		 * @param enabled whether to steal work
		 * @return this builder
		 */
		public Builder workStealing(boolean enabled) {
			this.settings.workStealing(enabled);
			return this;
		}

		/**
		 * Sets how long, in loop mode, one continuation may hold a carrier before another
		 * hub's free carrier takes its hub's other work over; 1 ms by default, or the
		 * system property {@code green.hub.work-stealing.threshold} (a {@link Duration}
		 * such as {@code PT0.002S}, or milliseconds such as {@code 2ms}). It is also how
		 * often the group looks at its carriers, and how often a loop taken over polls
		 * for I/O.
		 * @param threshold the threshold, at least 100 microseconds
		 * @return this builder
		 */
		public Builder workStealingThreshold(Duration threshold) {
			this.settings.workStealingThreshold(threshold);
			return this;
		}

		/**
		 * Sets how many hubs, and so event loops, the group has; by default in loop mode
		 * one per processor (at least 2), in pool mode (and whenever
		 * {@code reactor.netty.ioWorkerCount} is set) as many as Reactor Netty's default
		 * worker count.
		 * @param hubs the number of hubs
		 * @return this builder
		 */
		public Builder hubs(int hubs) {
			this.settings.hubs(hubs);
			return this;
		}

		/**
		 * Sets the mode; {@link HubMode#AUTO} by default.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(HubMode mode) {
			this.settings.mode(mode);
			return this;
		}

		/**
		 * Sets whether to use the native epoll transport where it is available (NIO
		 * otherwise); Reactor Netty's default, {@code true} unless
		 * {@code reactor.netty.native=false}.
		 * @param nativeTransport whether to prefer the native transport
		 * @return this builder
		 */
		public Builder nativeTransport(boolean nativeTransport) {
			this.settings.nativeTransport(nativeTransport);
			return this;
		}

		/**
		 * Sets how long {@link GreenHubGroup#close()} lets running green threads go on
		 * before it kills them; 10 seconds by default.
		 * @param gracePeriod the grace period
		 * @return this builder
		 */
		public Builder shutdownGracePeriod(Duration gracePeriod) {
			this.settings.shutdownGracePeriod(gracePeriod);
			return this;
		}

		/**
		 * Builds the group and starts its event loops.
		 * @return the group
		 * @throws IllegalStateException if the mode is {@link HubMode#LOOP} and the JDK
		 * refuses it
		 */
		public GreenHubGroup build() {
			HubGroupSettings.Resolved resolved = this.settings.resolve();
			GreenHubGroup group = new GreenHubGroup(resolved);
			group.runtime.start(resolved.requested());
			return group;
		}

	}

}
