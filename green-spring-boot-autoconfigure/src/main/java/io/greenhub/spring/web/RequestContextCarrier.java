package io.greenhub.spring.web;

import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Carries one kind of request state from the event loop that dispatches a green request
 * to its green thread.
 */
interface RequestContextCarrier {

	/**
	 * Captures the state, on the event loop, once per request.
	 * @param context the Reactor context of the request's subscriber
	 * @return what to restore, or {@code null} when there is nothing to carry
	 */
	@Nullable Object capture(ContextView context);

	/**
	 * Restores captured state on the green thread; the returned scope, closed on the same
	 * thread once the handler has finished, undoes it. May park the green thread.
	 * @param captured what {@link #capture} returned, not {@code null}
	 * @return the scope
	 */
	AutoCloseable restore(Object captured);

}
