package io.greenhub;

/**
 * An event loop that a hub owns: how loop code finds its hub.
 */
interface HubEventLoop {

	DefaultGreenHub hub();

}
