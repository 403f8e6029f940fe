package io.greenhub.autoconfigure.web;

import io.micrometer.context.ContextRegistry;

/**
 * Makes request state visible in green handlers: registers the MDC accessor (and the security
 * context accessor when Spring Security is present) with Micrometer's context registry, from
 * which the green request dispatcher restores them on each request's green thread. Does not turn
 * on Reactor's automatic context propagation: Spring Boot's {@code spring.reactor.context-propagation}
 * decides that. Created once, on the thread that refreshes the context.
 */
final class GreenContextPropagation {

	GreenContextPropagation() {
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.registerThreadLocalAccessor(new MdcThreadLocalAccessor());
		if (GreenWebFluxAutoConfiguration.SECURITY_PRESENT) {
			registry.registerThreadLocalAccessor(new SecurityContextThreadLocalAccessor());
		}
	}

}
