package io.greenhub.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.greenhub.GreenHub;
import io.netty.channel.Channel;

/**
 * What a hub counts, for its metrics: green threads spawned and ended by outcome,
 * children killed, stalls (blocking detection's {@link HubStalls}) and open channels. The
 * base of {@link DefaultGreenHub}, so that the counters are its own fields on the paths
 * that count.
 */
abstract class HubCounters implements GreenHub {

	// Counted by the spawning and finishing threads; read by metrics.
	final LongAdder spawned = new LongAdder();

	private final LongAdder succeeded = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder killed = new LongAdder();

	// Counted by the threads that kill the children of an owner or scope; read by
	// metrics.
	final LongAdder childrenKilled = new LongAdder();

	// Counted by the watchdog and JFR's stream thread; read by metrics.
	private final HubStalls stalls = new HubStalls();

	// Incremented by the thread that completes a channel's registration with this hub's
	// loop, decremented by the loop as the channel closes; read by anyone.
	private final AtomicInteger openChannels = new AtomicInteger();

	/**
	 * Counts a green thread of this hub ended, by its outcome. Called by the finishing
	 * green thread.
	 */
	final void countEnded(DefaultGreenThread<?> thread) {
		if (thread.isKilled() || thread.killReached()) {
			this.killed.increment();
		}
		else if (thread.error() != null) {
			this.failed.increment();
		}
		else {
			this.succeeded.increment();
		}
	}

	/**
	 * Returns what blocking detection counted of this hub; the watchdog and JFR's stream
	 * thread count.
	 */
	final HubStalls stalls() {
		return this.stalls;
	}

	@Override
	public long pinnedParkCount() {
		return this.stalls.pinnedParkCount();
	}

	@Override
	public long notScheduledCount() {
		return this.stalls.notScheduledCount();
	}

	@Override
	public long spawnedCount() {
		return this.spawned.sum();
	}

	@Override
	public long completedCount(GreenHub.Outcome outcome) {
		return switch (outcome) {
			case SUCCESS -> this.succeeded.sum();
			case ERROR -> this.failed.sum();
			case KILLED -> this.killed.sum();
		};
	}

	@Override
	public long childrenKilledCount() {
		return this.childrenKilled.sum();
	}

	@Override
	public long stallCount() {
		return this.stalls.stallCount();
	}

	@Override
	public Duration stallTime() {
		return this.stalls.stallTime();
	}

	/**
	 * Counts a channel just registered with this hub's event loop until it closes. Runs
	 * on the thread that completes the registration, usually the event loop.
	 */
	final void channelRegistered(Channel channel) {
		this.openChannels.incrementAndGet();
		channel.closeFuture().addListener((closed) -> this.openChannels.decrementAndGet());
	}

	@Override
	public int openChannels() {
		return this.openChannels.get();
	}

}
