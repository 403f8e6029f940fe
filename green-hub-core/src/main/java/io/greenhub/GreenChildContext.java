package io.greenhub;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * How a green thread's context follows the green threads it spawns: thread-local state
 * that a framework keeps per request, such as a logging MDC, a security context or the
 * current observation. Set on a group with
 * {@link GreenHubGroup.Builder#childContext(GreenChildContext)}; the Spring Boot starter
 * sets one that carries every thread-local known to Micrometer's context propagation.
 *
 * <p>
 * Its one method is called on the spawning green thread, at the spawn, for every green
 * thread that a green thread spawns (a child, a pool's or pile's thread, a detached
 * thread alike); not for spawns from an event loop or a platform thread. It captures what
 * the child inherits and returns the child's function wrapped so that it runs with that
 * state, as Spring's {@code TaskDecorator} does. The wrapper runs on the child; it must
 * restore what it set before it returns. <pre>{@code
 * GreenHubGroup.builder().childContext(new GreenChildContext() {
 *     public <T> Callable<T> inherit(Callable<T> child) {
 *         String tenant = TENANT.get();                // on the spawner
 *         return () -> {
 *             TENANT.set(tenant);                      // on the child
 *             try { return child.call(); } finally { TENANT.remove(); }
 *         };
 *     }
 * });
 * }</pre>
 */
public interface GreenChildContext {

	/**
	 * Captures the calling green thread's context and returns the child's function
	 * wrapped to run in it. Called on the spawning green thread; must return at once.
	 * @param <T> the type of the child's result
	 * @param child the child's function
	 * @return the function the child runs instead
	 */
	<T extends @Nullable Object> Callable<T> inherit(Callable<T> child);

}
