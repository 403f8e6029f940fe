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

}
