package io.greenhub.spring.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.result.method.annotation.AbstractMessageWriterResultHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes what a {@link GreenEmitter} sends as WebFlux's {@code ResponseBodyResultHandler}
 * writes the {@code Flux<T>} a method returns: the same content negotiation, writers and
 * encoders. The emitter stands for the {@code Flux} through an adapter registry of its
 * own, so nothing is added to the application's shared {@code ReactiveAdapterRegistry}.
 * Stateless; called on green threads.
 */
final class EmitterBodyWriter extends AbstractMessageWriterResultHandler {

	EmitterBodyWriter(List<HttpMessageWriter<?>> writers, RequestedContentTypeResolver contentTypes) {
		super(writers, contentTypes, registry());
	}

	private static ReactiveAdapterRegistry registry() {
		ReactiveAdapterRegistry registry = new ReactiveAdapterRegistry();
		registry.registerReactiveType(ReactiveTypeDescriptor.multiValue(GreenEmitter.class, () -> {
			throw new UnsupportedOperationException("A GreenEmitter is made by its handler's request");
		}), (emitter) -> ((GreenEmitter<?>) emitter).source(), (publisher) -> {
			throw new UnsupportedOperationException("A GreenEmitter is made by its handler's request");
		});
		return registry;
	}

	/**
	 * Returns the write of the emitter's elements to the exchange's response; throws at
	 * once, with nothing committed, if no content type can be agreed.
	 */
	Mono<Void> write(GreenEmitter<?> emitter, MethodParameter parameter, ServerWebExchange exchange) {
		return writeBody(emitter, parameter, exchange);
	}

}
