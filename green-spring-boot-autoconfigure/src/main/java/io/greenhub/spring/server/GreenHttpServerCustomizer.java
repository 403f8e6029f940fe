package io.greenhub.spring.server;

import java.time.Duration;
import java.util.Objects;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
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
				ChannelPipeline pipeline = channel.pipeline();
				if (pipeline.get(NettyPipeline.H2OrHttp11Codec) != null) {
					// TLS with HTTP/2: ALPN picks the codec once the handshake is done
					pipeline.addBefore(NettyPipeline.ReactiveBridge, GuardAfterNegotiation.NAME,
							new GuardAfterNegotiation());
				}
				else {
					guard(pipeline);
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

	/**
	 * Puts the connection guard behind the HTTP/1.1 codec: right after it, or, when
	 * {@code server.http2.enabled} lets a cleartext connection upgrade to h2c, after the
	 * upgrade handler, so that the guard sees every HTTP/1.1 request and no upgrade one.
	 * A connection that starts as HTTP/2 (prior knowledge) has no guard to need: its
	 * streams are HTTP/2's. Runs on the connection's event loop.
	 */
	void guard(ChannelPipeline pipeline) {
		ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
		if (codec == null) {
			return;
		}
		ChannelHandlerContext upgrade = pipeline.context(HttpServerUpgradeHandler.class);
		pipeline.addAfter((upgrade != null) ? upgrade.name() : codec.name(), HttpConnectionGuard.NAME,
				new HttpConnectionGuard(this.halfCloseGrace));
	}

	/**
	 * Guards a TLS connection of a server with HTTP/2 once ALPN has chosen its protocol:
	 * the handshake's completion event passes it after Reactor Netty has put the chosen
	 * codec in place, and HTTP/1.1's gets the guard. Runs on the connection's event loop,
	 * once, and then leaves the pipeline.
	 */
	private final class GuardAfterNegotiation extends ChannelInboundHandlerAdapter {

		static final String NAME = "green.httpConnectionGuardAfterNegotiation";

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
			if (evt instanceof SslHandshakeCompletionEvent) {
				ctx.pipeline().remove(this);
				guard(ctx.pipeline());
			}
			ctx.fireUserEventTriggered(evt);
		}

	}

}
