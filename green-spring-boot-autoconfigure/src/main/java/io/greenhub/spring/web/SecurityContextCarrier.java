package io.greenhub.spring.web;

import io.greenhub.Green;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Sets the security context of Spring Security's reactive filters in the green thread's
 * {@link SecurityContextHolder}, and clears it after. Loaded only when Spring Security is
 * present.
 */
final class SecurityContextCarrier implements RequestContextCarrier {

	@Override
	public @Nullable Object capture(ContextView context) {
		// ReactiveSecurityContextHolder keeps its Mono under the SecurityContext class
		return context.hasKey(SecurityContext.class) ? ReactiveSecurityContextHolder.getContext().contextWrite(context)
				: null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public AutoCloseable restore(Object captured) {
		SecurityContext context = Green.blockOn((Mono<SecurityContext>) captured);
		if (context == null) {
			return () -> {
			};
		}
		SecurityContextHolder.setContext(context);
		return SecurityContextHolder::clearContext;
	}

}
