package io.greenhub.spring.web;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Carries what Micrometer context-propagation's registry knows (the observation, MDC
 * under {@code GreenContextKeys.MDC}, any accessor an application registers) in one
 * snapshot, taken from the loop's thread locals and the request's Reactor context. Loaded
 * only when context-propagation is present.
 */
final class MicrometerContextCarrier implements RequestContextCarrier {

	private final ContextRegistry registry;

	private final ContextSnapshotFactory snapshots;

	MicrometerContextCarrier(ContextRegistry registry) {
		this.registry = registry;
		this.snapshots = ContextSnapshotFactory.builder().contextRegistry(registry).build();
	}

	/** Takes no snapshot while the registry has no thread-local accessor to restore. */
	@Override
	public @Nullable Object capture(ContextView context) {
		return this.registry.getThreadLocalAccessors().isEmpty() ? null : this.snapshots.captureAll(context);
	}

	@Override
	public AutoCloseable restore(Object captured) {
		return ((ContextSnapshot) captured).setThreadLocals();
	}

}
