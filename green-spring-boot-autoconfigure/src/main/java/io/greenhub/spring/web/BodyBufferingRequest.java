package io.greenhub.spring.web;

import io.greenhub.Green;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * A request whose body, read from a green thread, parks that thread until the whole body
 * (up to the codecs' in-memory limit) has arrived and then emits it at once: so a green
 * controller method's {@code @RequestBody} is decoded, and the method invoked, on the
 * request's own green thread rather than on the event loop that read the last chunk.
 */
final class BodyBufferingRequest extends ServerHttpRequestDecorator {

	private final int maxInMemorySize;

	BodyBufferingRequest(ServerHttpRequest delegate, int maxInMemorySize) {
		super(delegate);
		this.maxInMemorySize = maxInMemorySize;
	}

	@Override
	public Flux<DataBuffer> getBody() {
		Flux<DataBuffer> body = super.getBody();
		return Flux.defer(() -> {
			if (!Green.isGreen()) {
				return body;
			}
			DataBuffer whole = Green.blockOn(DataBufferUtils.join(body, this.maxInMemorySize));
			return (whole != null) ? Flux.just(whole) : Flux.empty();
		});
	}

}
