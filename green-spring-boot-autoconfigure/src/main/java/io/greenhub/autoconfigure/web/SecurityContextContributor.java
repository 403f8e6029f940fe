package io.greenhub.autoconfigure.web;

import java.util.function.Function;

import io.greenhub.spring.GreenContextKeys;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/**
 * Copies the security context of Spring Security's reactive filters to the key that the green
 * thread's {@code SecurityContextHolder} is restored from. Loaded only when Spring Security is
 * present.
 */
final class SecurityContextContributor {

	private SecurityContextContributor() {
	}

	static Mono<Void> withSecurityContext(Mono<Void> handled) {
		return ReactiveSecurityContextHolder.getContext()
			.map((context) -> handled.contextWrite(Context.of(GreenContextKeys.SECURITY_CONTEXT, context)))
			.defaultIfEmpty(handled)
			.flatMap(Function.identity());
	}

}
