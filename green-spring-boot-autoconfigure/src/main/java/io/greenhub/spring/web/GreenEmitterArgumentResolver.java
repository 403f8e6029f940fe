package io.greenhub.spring.web;

import java.util.List;

import io.greenhub.Green;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves a {@link GreenEmitter} parameter of a green controller method: a new emitter
 * for the request, which writes through the given message writers and content
 * negotiation, as WebFlux's {@code ResponseBodyResultHandler} would write a {@code Flux}.
 * Registered as a custom argument resolver by green-hub's WebFlux configuration; the
 * {@link GreenHandlerAdapter} ends the stream when the method returns. Called on the
 * request's green thread; an emitter asked for elsewhere (a method that is not green,
 * which start-up refuses) fails the request.
 */
public class GreenEmitterArgumentResolver implements HandlerMethodArgumentResolver {

	private final EmitterBodyWriter writer;

	/**
	 * Creates the resolver.
	 * @param writers the writers of response bodies, those of the application's
	 * {@code ServerCodecConfigurer}
	 * @param contentTypes the resolver of the content types a request accepts, WebFlux's
	 * {@code webFluxContentTypeResolver}
	 */
	public GreenEmitterArgumentResolver(List<HttpMessageWriter<?>> writers, RequestedContentTypeResolver contentTypes) {
		this.writer = new EmitterBodyWriter(writers, contentTypes);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == GreenEmitter.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return Mono.deferContextual((context) -> {
			if (!Green.isGreen()) {
				return Mono.error(new IllegalStateException("A GreenEmitter is given to green handlers only, not to "
						+ parameter.getExecutable() + " running on " + Thread.currentThread()));
			}
			GreenEmitter<?> emitter = new GreenEmitter<>(exchange, parameter, this.writer, context);
			exchange.getAttributes().put(GreenEmitter.ATTRIBUTE, emitter);
			return Mono.<Object>just(emitter);
		});
	}

}
