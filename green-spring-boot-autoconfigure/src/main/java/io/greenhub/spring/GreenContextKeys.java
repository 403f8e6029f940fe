package io.greenhub.spring;

/**
 * The keys under which green-hub carries request state in the Reactor {@code Context},
 * and so into the green thread of a {@link GreenHandler @GreenHandler} method, through
 * Micrometer context-propagation.
 *
 * <p>
 * A {@code WebFilter} that wants MDC entries visible in green handlers writes them under
 * {@link #MDC}: <pre>{@code
 * return chain.filter(exchange)
 *     .contextWrite(Context.of(GreenContextKeys.MDC, Map.of("requestId", id)));
 * }</pre> The security context of Spring Security's reactive filters is carried under
 * {@link #SECURITY_CONTEXT} by green-hub itself, so {@code SecurityContextHolder} works
 * in green handlers; Micrometer's observation (and with it the tracing context) is
 * carried by Micrometer.
 */
public final class GreenContextKeys {

	/**
	 * The key of a {@code Map<String, String>} of MDC entries, set as the MDC of the
	 * green thread.
	 */
	public static final String MDC = "green.mdc";

	/**
	 * The key of the Spring Security {@code SecurityContext}, set in
	 * {@code SecurityContextHolder} of the green thread.
	 */
	public static final String SECURITY_CONTEXT = "green.security-context";

	private GreenContextKeys() {
	}

}
