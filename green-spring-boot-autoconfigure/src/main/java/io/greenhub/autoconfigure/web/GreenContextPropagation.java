package io.greenhub.autoconfigure.web;

import io.micrometer.context.ContextRegistry;
import reactor.core.publisher.Hooks;

/**
 * Makes request state visible in green handlers: registers the MDC accessor (and the security
 * context accessor when Spring Security is present) with Micrometer's context registry, and turns
 * on Reactor's automatic context propagation, which restores them on the green thread that runs a
 * handler. Created once, on the thread that refreshes the context.
 */
final class GreenContextPropagation {

	GreenContextPropagation() {
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.registerThreadLocalAccessor(new MdcThreadLocalAccessor());
		if (GreenWebFluxAutoConfiguration.SECURITY_PRESENT) {
			registry.registerThreadLocalAccessor(new SecurityContextThreadLocalAccessor());
		}
		Hooks.enableAutomaticContextPropagation();
	}

}
