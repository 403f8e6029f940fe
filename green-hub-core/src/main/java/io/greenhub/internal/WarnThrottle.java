package io.greenhub.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Lets through at most one WARN line every ten seconds for one hub, one kind of report
 * and one place in the code, so a hub in trouble does not flood the log while a new cause
 * is still reported at once; the reports it holds back are still counted by their
 * callers. Used by one thread only: the watchdog for stalls, JFR's stream thread for
 * pinned parks.
 */
final class WarnThrottle {

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	/**
	 * Most places remembered at once; beyond them, reports of further places are held
	 * back.
	 */
	static final int MAX_PLACES = 64;

	private static final String[] FRAMEWORK_PACKAGES = { "io.greenhub.", "io.netty.", "reactor.",
			"org.springframework.", "io.micrometer." };

	// Written and read by the one thread that reports: when each place last had a WARN.
	private final Map<String, Long> warnedAt = new HashMap<>();

	/**
	 * Returns whether a WARN about {@code place} may be logged now, and if so counts it
	 * as logged.
	 * @param place where the reported trouble comes from, such as the handler method that
	 * holds a loop
	 * @param now the current {@link System#nanoTime()}
	 */
	boolean tryWarn(String place, long now) {
		Long last = this.warnedAt.get(place);
		if (last != null && now - last < INTERVAL_NANOS) {
			return false;
		}
		if (last == null && this.warnedAt.size() >= MAX_PLACES) {
			this.warnedAt.values().removeIf((at) -> now - at >= INTERVAL_NANOS);
			if (this.warnedAt.size() >= MAX_PLACES) {
				return false;
			}
		}
		this.warnedAt.put(place, now);
		return true;
	}

	/**
	 * Names where a stack comes from, for the WARN limit: its outermost frame of
	 * application code (the handler method a green thread runs, say); in a stack of
	 * library code only, its innermost frame outside the JDK.
	 */
	static String place(StackTraceElement[] stack) {
		for (int i = stack.length - 1; i >= 0; i--) {
			if (!isFramework(stack[i].getClassName())) {
				return name(stack[i]);
			}
		}
		for (StackTraceElement frame : stack) {
			if (!isJdk(frame.getClassName())) {
				return name(frame);
			}
		}
		return (stack.length > 0) ? name(stack[0]) : "unknown";
	}

	private static String name(StackTraceElement frame) {
		return frame.getClassName() + "." + frame.getMethodName();
	}

	private static boolean isJdk(String className) {
		return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
				|| className.startsWith("sun.");
	}

	private static boolean isFramework(String className) {
		if (isJdk(className)) {
			return true;
		}
		for (String prefix : FRAMEWORK_PACKAGES) {
			if (className.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
