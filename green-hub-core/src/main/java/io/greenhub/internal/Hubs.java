package io.greenhub.internal;

import java.util.concurrent.atomic.AtomicReference;

import io.greenhub.GreenHubGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;

/**
 * Which hub a thread belongs to, and the default group: the first group opened while no
 * other is open, the one that spawns outside any hub go to. Every method returns at once
 * and may be called from any thread.
 */
public final class Hubs {

	// Set by the thread that starts the first group while none is the default, cleared by
	// the thread
	// that closes it; read by every thread that spawns outside a hub.
	private static final AtomicReference<@Nullable HubGroupRuntime> defaultGroup = new AtomicReference<>();

	private Hubs() {
	}

	/**
	 * Returns the hub of the current green thread or event loop.
	 * @return the hub, or {@code null} on any other thread
	 */
	public static @Nullable DefaultGreenHub current() {
		DefaultGreenThread<?> green = DefaultGreenThread.current();
		if (green != null) {
			return green.hub();
		}
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		return (loop instanceof HubEventLoop hubLoop) ? hubLoop.hub() : null;
	}

	/**
	 * Returns the hub that a green thread spawned by the current thread runs on: the
	 * current hub, or else the next hub of the default group.
	 * @return the hub
	 * @throws IllegalStateException if the current thread belongs to no hub and no group
	 * is open
	 */
	public static DefaultGreenHub forSpawn() {
		DefaultGreenHub hub = current();
		if (hub != null) {
			return hub;
		}
		HubGroupRuntime group = defaultGroup.get();
		if (group == null) {
			throw new IllegalStateException("No hub group is open to run a green thread from thread '"
					+ Thread.currentThread().getName() + "': build a GreenHubGroup, or use Green.run(...)");
		}
		return group.nextHub();
	}

	/**
	 * Returns the default group.
	 * @return the group, or {@code null} if none is open
	 */
	public static @Nullable GreenHubGroup defaultGroup() {
		HubGroupRuntime group = defaultGroup.get();
		return (group != null) ? group.group() : null;
	}

	static void offerDefault(HubGroupRuntime group) {
		defaultGroup.compareAndSet(null, group);
	}

	static void removeDefault(HubGroupRuntime group) {
		defaultGroup.compareAndSet(group, null);
	}

}
