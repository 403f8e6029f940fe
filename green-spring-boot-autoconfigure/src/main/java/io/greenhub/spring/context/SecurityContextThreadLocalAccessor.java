package io.greenhub.spring.context;

import io.greenhub.spring.GreenContextKeys;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Carries Spring Security's {@link SecurityContext} under
 * {@link GreenContextKeys#SECURITY_CONTEXT} to and from {@link SecurityContextHolder}.
 * Called by context-propagation on the thread whose holder it reads or sets.
 */
public final class SecurityContextThreadLocalAccessor implements ThreadLocalAccessor<SecurityContext> {

	/**
	 * Creates the accessor; {@link GreenContextPropagation} registers one.
	 */
	public SecurityContextThreadLocalAccessor() {
	}

	@Override
	public Object key() {
		return GreenContextKeys.SECURITY_CONTEXT;
	}

	@Override
	public @Nullable SecurityContext getValue() {
		SecurityContext context = SecurityContextHolder.getContext();
		return (context.getAuthentication() != null) ? context : null;
	}

	@Override
	public void setValue(SecurityContext value) {
		SecurityContextHolder.setContext(value);
	}

	@Override
	public void setValue() {
		SecurityContextHolder.clearContext();
	}

}
