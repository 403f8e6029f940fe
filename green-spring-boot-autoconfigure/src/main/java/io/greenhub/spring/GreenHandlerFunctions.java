package io.greenhub.spring;

import io.greenhub.spring.web.GreenHandlerFunction;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Green threads for WebFlux functional endpoints.
 *
 * <pre>{@code
 * RouterFunctions.route()
 *     .GET("/orders/{id}", GreenHandlerFunctions.green((request) -> {
 *         Order order = Green.blockOn(orders.find(request.pathVariable("id")));   // parks
 *         return ServerResponse.ok().bodyValue(order);
 *     }))
 *     .build();
 * }</pre>
 */
public final class GreenHandlerFunctions {

	private GreenHandlerFunctions() {
	}

	/**
	 * Returns a handler function that calls the given one on a green thread of the hub
	 * serving the request, then writes the response it returns. The handler may call
	 * anything that parks (such as {@code Green.blockOn}); cancelling the request kills
	 * its green thread. Served by the {@code DispatcherHandler}, it is dispatched as a
	 * {@link GreenHandler @GreenHandler} method is: one green thread per request, counted
	 * against {@code green.handler.max-in-flight}, killed after
	 * {@code green.handler.timeout}, its 503s answered through Spring's error handling.
	 * Wrapped by a route's filter (which makes it another function) or served outside the
	 * dispatcher, it still runs on a green thread of its own, without those limits.
	 * @param <T> the type of the response
	 * @param handler the handler, whose code runs on the green thread
	 * @return a handler function for a route
	 */
	public static <T extends ServerResponse> HandlerFunction<T> green(HandlerFunction<T> handler) {
		return new GreenHandlerFunction<>(handler);
	}

}
