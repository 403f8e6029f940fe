package io.greenhub.spring.server;

import java.time.Duration;
import java.util.Objects;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpServerCodec;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Customizes the Reactor Netty HTTP server of a WebFlux application for green handlers,
 * whose slots and threads a slow or odd client must not hold:
 * <ul>
 * <li>a request body that stops arriving for longer than the read timeout, or that takes
 * longer than the request timeout as a whole, closes its connection (Reactor Netty's
 * {@link HttpServer#readTimeout} and {@link HttpServer#requestTimeout}), so that a client
 * that promises more than it sends frees its handler long before the handler's own
 * timeout;</li>
 * <li>a request of an HTTP version other than 1.0 or 1.1 is answered 505 and closed;</li>
 * <li>a client that half-closes after its request gets its answer if it comes within the
 * half-close grace, before the connection closes.</li>
 * </ul>
 * How long a connection may take to send a request's head, and may stay idle between
 * requests, is Spring Boot's {@code server.netty.idle-timeout}. Called by Spring Boot
 * while it creates the server, on the thread that starts the context.
 */
public class GreenHttpServerCustomizer implements NettyServerCustomizer {

	private final Duration readTimeout;

	private final Duration requestTimeout;

	private final Duration halfCloseGrace;

	/**
	 * Creates the customizer.
	 * @param readTimeout the most time between two reads of a request body, zero for no
	 * limit
	 * @param requestTimeout the most time to read a whole request body, zero for no limit
	 * @param halfCloseGrace how long a connection whose client has ended its input stays
	 * open for the answers to its requests; zero to close it at once
	 */
	public GreenHttpServerCustomizer(Duration readTimeout, Duration requestTimeout, Duration halfCloseGrace) {
		this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
		this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
		this.halfCloseGrace = Objects.requireNonNull(halfCloseGrace, "halfCloseGrace");
	}

	@Override
	public HttpServer apply(HttpServer server) {
		HttpServer customized = server.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
			.doOnChannelInit((observer, channel, remoteAddress) -> {
				if (channel.pipeline().get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
					channel.pipeline()
						.addAfter(NettyPipeline.HttpCodec, HttpConnectionGuard.NAME,
								new HttpConnectionGuard(this.halfCloseGrace));
				}
			});
		if (!this.readTimeout.isZero()) {
			customized = customized.readTimeout(this.readTimeout);
		}
		if (!this.requestTimeout.isZero()) {
			customized = customized.requestTimeout(this.requestTimeout);
		}
		return customized;
	}

}
