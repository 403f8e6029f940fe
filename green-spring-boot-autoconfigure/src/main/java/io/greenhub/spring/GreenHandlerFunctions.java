package io.greenhub.spring;

import java.util.Objects;
import java.util.function.Function;

import io.greenhub.Green;

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
	 * Returns a handler function that calls the given one on a green thread of the hub serving
	 * the request, then writes the response it returns. The handler may call anything that parks
	 * (such as {@code Green.blockOn}); cancelling the request kills its green thread. Unlike
	 * {@link GreenHandler @GreenHandler} methods, it is not counted against
	 * {@code green.handler.max-in-flight} nor limited by {@code green.handler.timeout}: wrap the
	 * body in {@code Green.withTimeout} for a limit.
	 * @param <T> the type of the response
	 * @param handler the handler, whose code runs on the green thread
	 * @return a handler function for a route
	 */
	public static <T extends ServerResponse> HandlerFunction<T> green(HandlerFunction<T> handler) {
		Objects.requireNonNull(handler, "handler");
		return (request) -> Green.deferToGreenThread(() -> handler.handle(request)).flatMap(Function.identity());
	}

}
