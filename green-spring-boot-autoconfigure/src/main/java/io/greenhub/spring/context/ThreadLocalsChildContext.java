package io.greenhub.spring.context;

import java.util.concurrent.Callable;

import io.greenhub.GreenChildContext;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;

/**
 * Carries every thread-local registered with Micrometer's {@code ContextRegistry} (the
 * MDC and security context accessors that green-hub registers, the current observation, a
 * tracer's scope) from a green thread into each green thread it spawns: captured on the
 * spawner, set on the child for the length of its function, and restored after it. The
 * auto-configuration installs one on the hub group's builder when Micrometer's
 * context-propagation is on the classpath; a group built by hand can take one with
 * {@code GreenHubGroup.Builder.childContext}.
 *
 * <p>
 * {@link #inherit} runs on the spawning thread; the function it returns runs on the
 * child.
 */
public final class ThreadLocalsChildContext implements GreenChildContext {

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	/**
	 * Creates the child context, over every accessor registered with the global
	 * {@code ContextRegistry}.
	 */
	public ThreadLocalsChildContext() {
	}

	@Override
	public <T extends @Nullable Object> Callable<T> inherit(Callable<T> child) {
		return this.snapshots.captureAll().wrap(child);
	}

}
