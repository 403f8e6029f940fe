package io.greenhub;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a green thread for diagnostics, eventlet's {@code backdoor} as data:
 * taken by {@link GreenThread#info()}, and not updated afterwards.
 *
 * @param name the green thread's name
 * @param hub the name of the hub it runs on
 * @param state the state of its virtual thread: {@code NEW} before it first runs,
 * {@code RUNNABLE} while it runs or waits for its turn, {@code WAITING} or
 * {@code TIMED_WAITING} while parked, {@code TERMINATED} once finished
 * @param waitingOn what it is parked on (the {@code toString} of the primitive, future or
 * lock it waits for), or {@code null} if it is not parked on anything named
 * @param stack its stack, innermost frame first; empty if it has not started or has
 * finished
 * @param owner the name of the green thread it was spawned as a child of (see
 * {@link GreenScope}), which may have ended since; {@code null} for a thread owned by no
 * green thread
 */
public record GreenThreadInfo(String name, String hub, Thread.State state, @Nullable String waitingOn,
		List<StackTraceElement> stack, @Nullable String owner) {

	/**
	 * Checks the components and copies the stack.
	 */
	public GreenThreadInfo {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(hub, "hub");
		Objects.requireNonNull(state, "state");
		stack = List.copyOf(stack);
	}

}
