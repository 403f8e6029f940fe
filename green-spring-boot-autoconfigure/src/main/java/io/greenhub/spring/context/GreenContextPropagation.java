package io.greenhub.spring.context;

import io.micrometer.context.ContextRegistry;

import org.springframework.util.ClassUtils;

/**
 * Makes request state visible in green handlers: registers the MDC accessor (and the
 * security context accessor when Spring Security is present) with Micrometer's context
 * registry, from which the green request dispatcher restores them on each request's green
 * thread. Does not turn on Reactor's automatic context propagation: Spring Boot's
 * {@code spring.reactor.context-propagation} decides that. Created once, on the thread
 * that refreshes the context; the auto-configuration declares it unless
 * {@code green.handler.context-propagation} is {@code false}.
 */
public final class GreenContextPropagation {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder",
			GreenContextPropagation.class.getClassLoader());

	/**
	 * Registers the accessors with the global {@link ContextRegistry}.
	 */
	public GreenContextPropagation() {
		ContextRegistry registry = ContextRegistry.getInstance();
		registry.registerThreadLocalAccessor(new MdcThreadLocalAccessor());
		if (SECURITY_PRESENT) {
			registry.registerThreadLocalAccessor(new SecurityContextThreadLocalAccessor());
		}
	}

}
