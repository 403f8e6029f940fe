package io.greenhub.internal;

import java.util.List;

import io.greenhub.GreenHub;
import io.greenhub.HubMode;
import org.jspecify.annotations.Nullable;

/**
 * What holds a late hub's loop, for blocking detection's report: which thread, of which
 * hub, whether it blocks the carrier or computes, and whether another carrier took the
 * hub's other work over. Called by the watchdog thread only.
 */
final class LoopHolders {

	private final List<DefaultGreenHub> hubs;

	LoopHolders(List<DefaultGreenHub> hubs) {
		this.hubs = hubs;
	}

	/**
	 * Names the hub a green thread that holds another hub's carrier belongs to: with work
	 * stealing, a thief may have begun running it before it held the carrier.
	 */
	String owner(DefaultGreenHub held, @Nullable Thread holder) {
		if (holder == null) {
			return "";
		}
		for (DefaultGreenHub hub : this.hubs) {
			if (hub != held && (hub.loopThread() == holder
					|| hub.liveThreads().stream().anyMatch((green) -> green.thread() == holder))) {
				return " (a " + ((hub.loopThread() == holder) ? "loop thread" : "green thread") + " of hub '"
						+ hub.name() + "')";
			}
		}
		return "";
	}

	/**
	 * Says whether another hub's carrier has taken the held hub's other work over.
	 */
	static String takeOver(DefaultGreenHub hub) {
		HubEventLoop loop = hub.eventLoop();
		GreenHub thief = loop.takenOverBy();
		if (thief != null) {
			return "its other work is taken over by the carrier of hub '" + thief.name()
					+ "', which serves its connections meanwhile";
		}
		return loop.workStealing() ? "no other carrier was free to take its other work over, so every connection "
				+ "of the hub waits meanwhile" : "every connection of the hub waits meanwhile";
	}

	/**
	 * Whether the hub's carrier is blocked by the code it runs: parked or waiting (a
	 * pinned park), or in a native method (a blocking read, a DNS lookup).
	 */
	static boolean blocked(DefaultGreenHub hub, StackTraceElement[] stack) {
		Thread carrier = hub.eventLoop().carrier();
		return (carrier != null && carrier.getState() != Thread.State.RUNNABLE)
				|| (stack.length > 0 && stack[0].isNativeMethod());
	}

	/**
	 * Returns the thread that holds the hub's loop: in loop mode the virtual thread
	 * mounted on the hub's carrier, a green thread of any hub of the group (with work
	 * stealing, one of another hub may run there) or a hub's loop thread; where the JDK
	 * does not say which is mounted, a green thread of the hub running without parking;
	 * or else the thread that runs the loop's own code.
	 */
	@Nullable Thread holder(DefaultGreenHub hub) {
		if (hub.mode() == HubMode.LOOP) {
			Thread carrier = hub.eventLoop().carrier();
			for (DefaultGreenHub any : this.hubs) {
				Thread loop = any.loopThread();
				if (loop != null && carrier != null && VirtualThreadSchedulers.carrierOf(loop) == carrier) {
					return loop;
				}
				for (DefaultGreenThread<?> green : any.liveThreads()) {
					Thread thread = green.thread();
					if (thread != null && carrier != null && VirtualThreadSchedulers.carrierOf(thread) == carrier) {
						return thread;
					}
				}
			}
			for (DefaultGreenThread<?> green : hub.liveThreads()) {
				Thread thread = green.thread();
				if (thread != null && thread.getState() == Thread.State.RUNNABLE
						&& !isParking(thread.getStackTrace())) {
					return thread;
				}
			}
		}
		return hub.loopThread();
	}

	/**
	 * Whether a virtual thread's stack shows it unmounted: parked, yielding or waiting,
	 * its top frame in the JDK's virtual-thread or continuation code.
	 */
	private static boolean isParking(StackTraceElement[] stack) {
		if (stack.length == 0) {
			return true;
		}
		String top = stack[0].getClassName();
		return top.equals("java.lang.VirtualThread") || top.startsWith("jdk.internal.vm.Continuation")
				|| top.equals("java.util.concurrent.locks.LockSupport");
	}

	static String describe(@Nullable Thread thread) {
		return (thread != null) ? "thread '" + thread + "'" : "an unknown thread";
	}

}
