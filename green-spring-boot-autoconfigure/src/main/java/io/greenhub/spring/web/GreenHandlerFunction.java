package io.greenhub.spring.web;

import java.util.Objects;
import java.util.function.Function;

import io.greenhub.Green;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A functional endpoint's handler that runs on a green thread, made by
 * {@code GreenHandlerFunctions.green(...)}. Served by the {@link GreenHandlerAdapter} as
 * a green controller method is: one green thread per request, under
 * {@code green.handler.*}. Called directly ({@link #handle}, as by a route served outside
 * the {@code DispatcherHandler} or through a filter that wraps it) it defers to a green
 * thread of its own, without the limits.
 *
 * @param <T> the type of the response
 */
public final class GreenHandlerFunction<T extends ServerResponse> implements HandlerFunction<T> {

	private final HandlerFunction<T> delegate;

	/**
	 * Creates the handler function.
	 * @param delegate the handler, whose code runs on the green thread
	 */
	public GreenHandlerFunction(HandlerFunction<T> delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	/**
	 * Returns the handler whose code runs on the green thread.
	 * @return the handler
	 */
	public HandlerFunction<T> getDelegate() {
		return this.delegate;
	}

	/**
	 * Calls the handler on a new green thread of the subscribing thread's hub: cancelling
	 * the subscription kills it.
	 */
	@Override
	public Mono<T> handle(ServerRequest request) {
		return Green.deferToGreenThread(() -> this.delegate.handle(request)).flatMap(Function.identity());
	}

}
