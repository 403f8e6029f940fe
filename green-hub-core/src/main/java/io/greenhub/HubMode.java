package io.greenhub;

/**
 * How a hub schedules its green threads.
 *
 * <p>
 * In both modes a green thread is a Java virtual thread that belongs to one hub, and
 * every network connection belongs to one event loop. The modes differ in which platform
 * thread runs the green thread.
 */
public enum HubMode {

	/**
	 * Green threads run on the hub's own carrier thread, the same thread that runs the
	 * hub's event loop, so an I/O callback and the green thread it wakes never cross
	 * threads. Needs the JVM option {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
	 */
	LOOP,

	/**
	 * Green threads run on the JDK's default virtual-thread scheduler; I/O stays on the
	 * event loops. Works on any JDK with no options.
	 */
	POOL,

	/**
	 * {@link #LOOP} where the JDK allows it, otherwise {@link #POOL}, with one log line
	 * that says which mode runs and how to enable {@code LOOP}.
	 */
	AUTO

}
