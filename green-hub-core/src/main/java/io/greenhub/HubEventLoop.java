package io.greenhub;

import org.jspecify.annotations.Nullable;

/**
 * An event loop that a hub owns: how loop code finds its hub.
 */
interface HubEventLoop {

	DefaultGreenHub hub();

	/**
	 * Returns the thread that runs the loop's own code (I/O callbacks and tasks), once it runs.
	 */
	@Nullable Thread loopThread();

	/**
	 * Returns the platform thread that runs the loop and, in loop mode, the green threads, once it runs.
	 */
	@Nullable Thread carrier();

	/**
	 * Returns the OS's id of the {@link #carrier()}, or {@code -1} if unknown or not started yet.
	 */
	int carrierOsThreadId();

}
