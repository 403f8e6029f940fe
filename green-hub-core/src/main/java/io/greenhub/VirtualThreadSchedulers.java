package io.greenhub;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * Access to the JDK's package-private virtual-thread builder that takes a scheduler, the only way
 * on JDK 25 to run virtual threads on an executor of one's own.
 */
final class VirtualThreadSchedulers {

	static final String OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

	private static final @Nullable Constructor<?> BUILDER;

	private static final @Nullable String REFUSAL;

	static {
		Constructor<?> builder = null;
		String refusal = null;
		try {
			Class<?> type = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
			builder = type.getDeclaredConstructor(Executor.class);
			builder.setAccessible(true);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			builder = null;
			refusal = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		BUILDER = builder;
		REFUSAL = refusal;
	}

	private VirtualThreadSchedulers() {
	}

	/**
	 * Returns why loop mode is impossible in this JVM, or {@code null} if it is possible.
	 */
	static @Nullable String refusal() {
		return REFUSAL;
	}

	/**
	 * Returns a builder of virtual threads whose continuations the given scheduler runs.
	 */
	static Thread.Builder.OfVirtual builder(Executor scheduler) {
		if (BUILDER == null) {
			throw new IllegalStateException(loopModeUnavailable());
		}
		try {
			return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(loopModeUnavailable(), ex);
		}
	}

	static String loopModeUnavailable() {
		return "Hub mode 'loop' needs the JVM option " + OPENS + " (or 'Add-Opens: java.base/java.lang' in an "
				+ "executable jar's manifest); the JDK refused its virtual-thread scheduler: " + REFUSAL;
	}

}
