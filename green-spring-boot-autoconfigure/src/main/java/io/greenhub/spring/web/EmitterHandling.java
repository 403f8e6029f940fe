package io.greenhub.spring.web;

import java.util.concurrent.CompletionException;

import io.greenhub.Green;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerAdapter;
import org.springframework.web.reactive.HandlerResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * Runs a green method that takes a {@link GreenEmitter}, on the request's green thread,
 * and ends its stream once the method is over: when it returned, the stream is completed
 * and written to its end before the request ends (with no result left for the dispatcher
 * to write); when it failed before the first send, the failure, or the answer of its
 * {@code @ExceptionHandler}, goes on as for any method; when it failed after, the stream
 * is aborted and the request fails, so that Reactor Netty closes the connection
 * (HTTP/1.1) or resets the stream (HTTP/2).
 *
 * @param delegate what invokes the method: WebFlux's adapter, or the body-buffering one
 * @param statusAnnotated whether the method has {@code @ResponseStatus}, with which
 * WebFlux gives no result for a {@code void} method that returned
 */
record EmitterHandling(HandlerAdapter delegate, boolean statusAnnotated) implements HandlerAdapter {

	@Override
	public boolean supports(Object handler) {
		return handler instanceof HandlerMethod;
	}

	@Override
	public Mono<HandlerResult> handle(ServerWebExchange exchange, Object handler) {
		// deferred, so that the method runs with the request's Reactor context
		return Mono.deferContextual((context) -> {
			HandlerResult result;
			try {
				result = Green.blockOn(this.delegate.handle(exchange, handler).contextWrite(context));
			}
			catch (RuntimeException | Error ex) {
				Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
				GreenEmitter<?> emitter = exchange.getAttribute(GreenEmitter.ATTRIBUTE);
				if (emitter != null && emitter.isStarted()) {
					emitter.abort(failure);
					if (emitter.isWritten()) {
						// the response had ended (a HEAD, which writes no body): nothing
						// is lost
						return Mono.empty();
					}
				}
				throw ex;
			}
			GreenEmitter<?> emitter = exchange.getAttribute(GreenEmitter.ATTRIBUTE);
			if (emitter == null) {
				return Mono.justOrEmpty(result);
			}
			if (returned(result)) {
				Throwable failure = emitter.finish();
				return (failure != null) ? Mono.error(failure) : Mono.empty();
			}
			// the answer of an exception handler
			if (!emitter.isStarted() || !exchange.getResponse().isCommitted()) {
				if (emitter.isStarted()) {
					emitter.abort(new IllegalStateException("The handler failed before its stream was committed"));
				}
				return Mono.justOrEmpty(result);
			}
			IllegalStateException dropped = new IllegalStateException("The streaming green handler failed after "
					+ "its response had begun; the answer of its exception handler cannot be sent");
			emitter.abort(dropped);
			return Mono.error(dropped);
		});
	}

	/**
	 * Whether the result is the method's own: WebFlux gives that one the method's
	 * exception handler, and an exception handler's answer none.
	 */
	private boolean returned(@Nullable HandlerResult result) {
		return (result != null) ? result.getExceptionHandler() != null : this.statusAnnotated;
	}

}
