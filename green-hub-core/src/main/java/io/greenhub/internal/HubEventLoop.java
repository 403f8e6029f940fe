package io.greenhub.internal;

import io.greenhub.GreenHub;
import io.netty.channel.IoEventLoop;
import org.jspecify.annotations.Nullable;

/**
 * An event loop that a hub owns: how loop code finds its hub.
 */
public interface HubEventLoop extends IoEventLoop {

	/**
	 * Returns the hub that owns this loop.
	 */
	DefaultGreenHub hub();

	/**
	 * Returns the thread that runs the loop's own code (I/O callbacks and tasks), once it
	 * runs.
	 */
	@Nullable Thread loopThread();

	/**
	 * Returns the platform thread that runs the loop and, in loop mode, the green
	 * threads, once it runs.
	 */
	@Nullable Thread carrier();

	/**
	 * Returns the OS's id of the {@link #carrier()}, or {@code -1} if unknown or not
	 * started yet.
	 */
	int carrierOsThreadId();

	/**
	 * Returns whether this loop's work may be taken over by another hub's carrier while
	 * its own is held.
	 */
	default boolean workStealing() {
		return false;
	}

	/**
	 * Returns the hub whose carrier runs this loop's work while its own carrier is held,
	 * or {@code null}.
	 */
	default @Nullable GreenHub takenOverBy() {
		return null;
	}

	/**
	 * Keeps a task for the loop's own carrier, once it is free, if the calling loop code
	 * runs on another's; returns whether it did (otherwise the caller runs it). Called on
	 * the loop's thread.
	 */
	default boolean deferToOwnCarrier(Runnable task) {
		return false;
	}

}
