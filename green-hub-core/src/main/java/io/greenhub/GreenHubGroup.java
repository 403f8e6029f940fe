package io.greenhub;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

import io.greenhub.internal.Blocking;
import io.greenhub.internal.CarrierTimes;
import io.greenhub.internal.HubGroupRuntime;
import io.greenhub.internal.WorkStealingDefaults;
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

	private final String name;

	private final HubMode mode;

	private final Duration shutdownGracePeriod;

	private final Duration blockingDetectionThreshold;

	private final boolean reportsPinnedParks;

	private final Duration workStealingThreshold;

	private final HubGroupRuntime runtime;

	private GreenHubGroup(Builder builder) {
		this.name = builder.name;
		this.mode = HubGroupRuntime.resolve(builder.mode);
		this.shutdownGracePeriod = builder.shutdownGracePeriod;
		this.blockingDetectionThreshold = builder.blockingDetectionThreshold;
		this.reportsPinnedParks = builder.pinnedParkReports && !this.blockingDetectionThreshold.isZero();
		int hubCount = (builder.hubs > 0) ? builder.hubs : HubGroupRuntime.defaultHubs(this.mode);
		// read by the loops as they are made: one hub cannot take another's work over
		// a thief needs a processor of its own: on one, it only preempts the carrier it
		// would help
		// (measured: the load benchmark's S1 and S6 on one pinned core,
		// docs/performance.md)
		this.workStealingThreshold = (this.mode == HubMode.LOOP && builder.workStealing && hubCount > 1
				&& Runtime.getRuntime().availableProcessors() > 1) ? builder.workStealingThreshold : Duration.ZERO;
		// last: the loops it starts read the settings above; its other threads start in
		// build()
		this.runtime = new HubGroupRuntime(this, hubCount, builder.nativeTransport, builder.childContext,
				builder.carrierTimes);
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
		return this.name;
	}

	/**
	 * Returns the mode the hubs run in, {@link HubMode#LOOP} or {@link HubMode#POOL}.
	 * @return the mode
	 */
	public HubMode mode() {
		return this.mode;
	}

	/**
	 * Returns how long an event loop may be held before the stall is reported;
	 * {@link Duration#ZERO} if blocking detection is off.
	 * @return the blocking detection threshold
	 */
	public Duration blockingDetectionThreshold() {
		return this.blockingDetectionThreshold;
	}

	/**
	 * Returns how long a loop-mode carrier may be held by one continuation before another
	 * hub's free carrier takes its hub's other work over; {@link Duration#ZERO} if work
	 * stealing is off (so always in pool mode, with a single hub, and in a JVM that has a
	 * single processor).
	 * @return the work-stealing threshold
	 */
	public Duration workStealingThreshold() {
		return this.workStealingThreshold;
	}

	/**
	 * Returns whether pinned parks of this group's green threads are counted and
	 * reported: set by the builder, and only while blocking detection is on.
	 * @return whether pinned parks are reported
	 */
	public boolean reportsPinnedParks() {
		return this.reportsPinnedParks;
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
		close(this.shutdownGracePeriod);
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
		if (Blocking.currentGreenThread() != null || Blocking.isEventLoopThread()) {
			throw new IllegalStateException("Hub group '" + this.name + "' cannot be closed from thread '"
					+ Thread.currentThread().getName() + "', which it may have to wait for");
		}
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
		if (Blocking.currentGreenThread() != null || Blocking.isEventLoopThread()) {
			throw new IllegalStateException("Hub group '" + this.name
					+ "' cannot wait for its green threads on thread '" + Thread.currentThread().getName() + "'");
		}
		return this.runtime.killGreenThreads(gracePeriod);
	}

	@Override
	public String toString() {
		return "GreenHubGroup '" + this.name + "' (" + this.runtime.hubs().size() + " hubs, "
				+ this.mode.name().toLowerCase() + " mode)";
	}

	/**
	 * Builds a {@link GreenHubGroup}.
	 */
	public static final class Builder {

		private String name = "green";

		// 0: the default for the mode, see defaultHubs
		private int hubs;

		private boolean workStealing = WorkStealingDefaults.enabled();

		private Duration workStealingThreshold = WorkStealingDefaults.threshold();

		private HubMode mode = HubMode.AUTO;

		private boolean nativeTransport = LoopResources.DEFAULT_NATIVE;

		private Duration shutdownGracePeriod = Duration.ofSeconds(10);

		private Duration blockingDetectionThreshold = Duration.ofMillis(100);

		private boolean pinnedParkReports;

		private @Nullable GreenChildContext childContext;

		private CarrierTimes carrierTimes = CarrierTimes.SYSTEM;

		private Builder() {
		}

		/**
		 * Sets where blocking detection reads the carriers' CPU time and run-queue wait;
		 * the JVM's and the OS's by default. For tests that simulate a carrier the OS
		 * does not schedule.
		 */
		Builder carrierTimes(CarrierTimes times) {
			this.carrierTimes = Objects.requireNonNull(times, "times");
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
			Objects.requireNonNull(threshold, "threshold");
			if (threshold.isNegative()) {
				throw new IllegalArgumentException("Hub group '" + this.name
						+ "' blocking detection threshold must not be negative, was: " + threshold);
			}
			this.blockingDetectionThreshold = threshold;
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
			this.pinnedParkReports = enabled;
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
			this.childContext = childContext;
			return this;
		}

		/**
		 * Sets the name, the prefix of the hubs' and threads' names; {@code green} by
		 * default.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			Objects.requireNonNull(name, "name");
			if (name.isBlank()) {
				throw new IllegalArgumentException("Hub group name must not be blank, was: '" + name + "'");
			}
			this.name = name;
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
			this.workStealing = enabled;
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
			Objects.requireNonNull(threshold, "threshold");
			if (threshold.compareTo(WorkStealingDefaults.MIN_THRESHOLD) < 0) {
				throw new IllegalArgumentException("Hub group '" + this.name
						+ "' work-stealing threshold must be at least 100 us, was: " + threshold);
			}
			this.workStealingThreshold = threshold;
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
			if (hubs < 1) {
				throw new IllegalArgumentException("Hub group '" + this.name + "' hubs must be positive, was: " + hubs);
			}
			this.hubs = hubs;
			return this;
		}

		/**
		 * Sets the mode; {@link HubMode#AUTO} by default.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(HubMode mode) {
			this.mode = Objects.requireNonNull(mode, "mode");
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
			this.nativeTransport = nativeTransport;
			return this;
		}

		/**
		 * Sets how long {@link GreenHubGroup#close()} lets running green threads go on
		 * before it kills them; 10 seconds by default.
		 * @param gracePeriod the grace period
		 * @return this builder
		 */
		public Builder shutdownGracePeriod(Duration gracePeriod) {
			Objects.requireNonNull(gracePeriod, "gracePeriod");
			if (gracePeriod.isNegative()) {
				throw new IllegalArgumentException("Hub group '" + this.name
						+ "' shutdown grace period must not be negative, was: " + gracePeriod);
			}
			this.shutdownGracePeriod = gracePeriod;
			return this;
		}

		/**
		 * Builds the group and starts its event loops.
		 * @return the group
		 * @throws IllegalStateException if the mode is {@link HubMode#LOOP} and the JDK
		 * refuses it
		 */
		public GreenHubGroup build() {
			GreenHubGroup group = new GreenHubGroup(this);
			group.runtime.start(this.mode);
			return group;
		}

	}

}
