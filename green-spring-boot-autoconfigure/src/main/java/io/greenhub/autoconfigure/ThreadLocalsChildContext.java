package io.greenhub.autoconfigure;

import java.util.concurrent.Callable;

import io.greenhub.GreenChildContext;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

/**
 * Carries every thread-local registered with Micrometer's {@code ContextRegistry} (the MDC and
 * security context accessors that green-hub registers, the current observation, a tracer's scope)
 * from a green thread into each green thread it spawns: captured on the spawner, set on the child
 * for the length of its function, and restored after it.
 */
final class ThreadLocalsChildContext implements GreenChildContext {

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	@Override
	public <T extends @Nullable Object> Callable<T> inherit(Callable<T> child) {
		return this.snapshots.captureAll().wrap(child);
	}

}
