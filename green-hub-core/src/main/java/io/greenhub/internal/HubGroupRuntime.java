package io.greenhub.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenChildContext;
import io.greenhub.GreenHubGroup;
import io.greenhub.HubLagListener;
import io.greenhub.HubMode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.ReactorNetty;
import reactor.netty.resources.LoopResources;

/**
 * What runs behind a {@link GreenHubGroup}: its event loops and hubs, the watchdog, work
 * stealing and pinned-park reports, and their lifecycle. Made by the group's constructor,
 * which holds the settings; {@link #start()}, called once the group is built, starts the
 * threads that read the group, so that they never see it half made.
 */
public final class HubGroupRuntime {

	// the group's own logger, as the lines it logs are the group's
	private static final Logger logger = LoggerFactory.getLogger(GreenHubGroup.class);

	private final GreenHubGroup group;

	private final String name;

	// Incremented by the constructor's thread as it creates each hub.
	private final AtomicInteger hubIndexes = new AtomicInteger();

	// Incremented by every thread that picks a hub for a new green thread.
	private final AtomicInteger nextHub = new AtomicInteger();

	private final @Nullable GreenChildContext childContext;

	private final HubLoopGroup loops;

	private final List<DefaultGreenHub> hubs;

	private final HubLagProbes lagProbes;

	private final HubWatchdog watchdog;

	private final int hubCount;

	// Made before the loops, which look through it; null when work stealing is off.
	private final @Nullable WorkStealing workStealing;

	// Set once by the first thread that closes the group; read by every spawning thread.
	private volatile boolean closed;

	/**
	 * Makes the event loops and their hubs; their threads may start, but nothing else
	 * does.
	 * @param group the group, whose settings are all set
	 * @param hubCount how many hubs
	 * @param nativeTransport whether to use epoll where it is available
	 * @param childContext how context follows a spawn, or {@code null}
	 * @param carrierTimes where blocking detection reads the carriers' times
	 */
	public HubGroupRuntime(GreenHubGroup group, int hubCount, boolean nativeTransport,
			@Nullable GreenChildContext childContext, CarrierTimes carrierTimes) {
		this.group = group;
		this.name = group.name();
		this.childContext = childContext;
		this.hubCount = hubCount;
		Duration stealing = group.workStealingThreshold();
		this.workStealing = stealing.isZero() ? null : new WorkStealing(hubCount, stealing);
		IoHandlerFactory handlers = (nativeTransport && Epoll.isAvailable()) ? EpollIoHandler.newFactory()
				: NioIoHandler.newFactory();
		this.loops = new HubLoopGroup(hubCount, handlers, this, group.mode());
		List<DefaultGreenHub> made = new ArrayList<>(hubCount);
		List<LoopModeEventLoop> loopModeLoops = new ArrayList<>(hubCount);
		for (HubEventLoop loop : this.loops.hubLoops()) {
			made.add(loop.hub());
			if (loop instanceof LoopModeEventLoop loopMode) {
				loopModeLoops.add(loopMode);
			}
		}
		this.hubs = List.copyOf(made);
		if (this.workStealing != null) {
			this.workStealing.start(loopModeLoops);
		}
		this.lagProbes = new HubLagProbes(this.hubs);
		this.watchdog = new HubWatchdog(this.name, this.hubs, group.blockingDetectionThreshold(), this.lagProbes,
				carrierTimes, this.workStealing);
	}

	/**
	 * Starts the watchdog and pinned-park reports, makes the group the default one if
	 * there is none, and logs how the group runs. Called once, by the thread that builds
	 * the group.
	 * @param requested the mode the builder was given, for the hint on how to run loop
	 * mode
	 */
	public void start(HubMode requested) {
		this.watchdog.start();
		if (this.group.reportsPinnedParks()) {
			PinnedParks.watch(this);
		}
		Hubs.offerDefault(this);
		Duration stealing = this.group.workStealingThreshold();
		logger.info("Hub group '{}' runs {} hubs in {} mode{}", this.name, this.hubs.size(),
				this.group.mode().name().toLowerCase(),
				(this.group.mode() == HubMode.LOOP)
						? ": green threads run on the event loops' own carrier threads" + (stealing.isZero() ? ""
								: ", and a carrier held longer than " + stealing.toNanos() / 1000
										+ " us lends its hub's other work to a free one")
						: ": green threads run on the JDK's default scheduler" + ((requested == HubMode.AUTO)
								? "; for loop mode add the JVM option " + VirtualThreadSchedulers.OPENS : ""));
	}

	/**
	 * Returns the mode a group asked for runs in: {@code auto} resolved by what the JDK
	 * allows.
	 * @param requested the mode asked for
	 * @return {@link HubMode#LOOP} or {@link HubMode#POOL}
	 * @throws IllegalStateException if loop mode is asked for and the JDK refuses it
	 */
	public static HubMode resolve(HubMode requested) {
		String refusal = VirtualThreadSchedulers.refusal();
		return switch (requested) {
			case LOOP -> {
				if (refusal != null) {
					throw new IllegalStateException(VirtualThreadSchedulers.loopModeUnavailable());
				}
				yield HubMode.LOOP;
			}
			case POOL -> HubMode.POOL;
			case AUTO -> (refusal != null) ? HubMode.POOL : HubMode.LOOP;
		};
	}

	/**
	 * The number of hubs when the builder is not told: in loop mode one per processor (at
	 * least two, so that work stealing has a carrier to lend to), since each hub has a
	 * carrier thread of its own and more carriers than processors only preempt one
	 * another; in pool mode, and whenever {@code reactor.netty.ioWorkerCount} is set,
	 * Reactor Netty's worker count.
	 * @param mode the mode, resolved
	 * @return the number of hubs
	 */
	public static int defaultHubs(HubMode mode) {
		if (mode != HubMode.LOOP || System.getProperty(ReactorNetty.IO_WORKER_COUNT) != null) {
			return LoopResources.DEFAULT_IO_WORKER_COUNT;
		}
		return Math.max(2, Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Returns the group this runs.
	 * @return the group
	 */
	public GreenHubGroup group() {
		return this.group;
	}

	String name() {
		return this.name;
	}

	int hubCount() {
		return this.hubCount;
	}

	@Nullable WorkStealing workStealing() {
		return this.workStealing;
	}

	int nextIndex() {
		return this.hubIndexes.getAndIncrement();
	}

	@Nullable GreenChildContext childContext() {
		return this.childContext;
	}

	/**
	 * Returns the event loops, one per hub.
	 * @return the event loop group
	 */
	public EventLoopGroup loops() {
		return this.loops;
	}

	/**
	 * Returns the hubs, in index order.
	 * @return the hubs
	 */
	public List<DefaultGreenHub> hubs() {
		return this.hubs;
	}

	/**
	 * Returns the next hub in round-robin order.
	 * @return a hub
	 */
	public DefaultGreenHub nextHub() {
		return this.hubs.get(Math.floorMod(this.nextHub.getAndIncrement(), this.hubs.size()));
	}

	Duration currentStall(int index) {
		return this.watchdog.currentStall(index);
	}

	/**
	 * Adds a lag listener; see {@link GreenHubGroup#addLagListener(HubLagListener)}.
	 * @param listener the listener
	 */
	public void addLagListener(HubLagListener listener) {
		this.lagProbes.add(listener);
	}

	/**
	 * Removes a lag listener.
	 * @param listener the listener
	 * @return whether it was there
	 */
	public boolean removeLagListener(HubLagListener listener) {
		return this.lagProbes.remove(listener);
	}

	/**
	 * Returns how many green threads of all hubs have not finished.
	 * @return the number of live green threads
	 */
	public int alive() {
		return this.hubs.stream().mapToInt(DefaultGreenHub::alive).sum();
	}

	/**
	 * Returns how many channels of all hubs are open now.
	 * @return the number of open channels
	 */
	public int openChannels() {
		return this.hubs.stream().mapToInt(DefaultGreenHub::openChannels).sum();
	}

	/**
	 * Marks the group closed: spawns are refused from now on.
	 * @return whether this call closed it, {@code false} if it was closed already
	 */
	public synchronized boolean close() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		Hubs.removeDefault(this);
		return true;
	}

	/**
	 * Returns whether {@link #close()} has been called.
	 * @return whether the group is closed
	 */
	public boolean isClosed() {
		return this.closed;
	}

	void checkOpen() {
		if (this.closed) {
			throw new RejectedExecutionException("Hub group '" + this.name + "' is closed");
		}
	}

	/**
	 * Drains the green threads of every hub for the grace period, kills those left, waits
	 * for them to unwind and logs how many it killed. Blocks the calling thread.
	 * @param gracePeriod how long the running green threads may go on
	 * @return how many it killed
	 */
	public int killGreenThreads(Duration gracePeriod) {
		return HubGroupDrain.killGreenThreads(this.name, this.hubs, gracePeriod);
	}

	/**
	 * Stops the watchdog, work stealing and pinned-park reports, and shuts the event
	 * loops down, waiting at most 10 seconds for them. Called once, after
	 * {@link #close()}.
	 */
	public void stop() {
		this.watchdog.stop();
		if (this.workStealing != null) {
			this.workStealing.stop();
		}
		PinnedParks.unwatch(this);
		this.loops.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
	}

}
