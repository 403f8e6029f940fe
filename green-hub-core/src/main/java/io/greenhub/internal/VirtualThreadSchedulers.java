package io.greenhub.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * Access to the JDK's package-private virtual-thread builder that takes a scheduler, the
 * only way on JDK 25 to run virtual threads on an executor of one's own.
 */
public final class VirtualThreadSchedulers {

	static final String OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";

	private static final @Nullable Constructor<?> BUILDER;

	private static final @Nullable String REFUSAL;

	// The JDK's VirtualThread.carrierThread, read by blocking detection only; null if the
	// JDK refuses it.
	private static final @Nullable VarHandle CARRIER;

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
		VarHandle carrier = null;
		try {
			Class<?> type = Class.forName("java.lang.VirtualThread");
			carrier = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
				.findVarHandle(type, "carrierThread", Thread.class);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			carrier = null;
		}
		CARRIER = carrier;
	}

	/**
	 * Returns the platform thread a virtual thread is mounted on now, or {@code null} if
	 * it is not mounted or the JDK does not say (without the option loop mode needs).
	 * Returns at once.
	 */
	static @Nullable Thread carrierOf(Thread thread) {
		if (CARRIER == null || !thread.isVirtual()) {
			return null;
		}
		return (Thread) CARRIER.getVolatile(thread);
	}

	private VirtualThreadSchedulers() {
	}

	/**
	 * Returns why loop mode is impossible in this JVM, or {@code null} if it is possible.
	 */
	public static @Nullable String refusal() {
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
