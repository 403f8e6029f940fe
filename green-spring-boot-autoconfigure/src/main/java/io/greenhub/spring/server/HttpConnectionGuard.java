package io.greenhub.spring.server;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the HTTP/1.1 codec of each server connection, and does two things
 * Reactor Netty does not:
 * <ul>
 * <li>A request of another HTTP version than 1.0 or 1.1 ({@code GET / HTTP/9.9}) is
 * answered {@code 505 HTTP Version Not Supported} and the connection is closed; nothing
 * of it reaches the application. Logged at DEBUG: it is the client's error.</li>
 * <li>A request body that cannot be decoded (a bad chunk size, say) is the client's
 * error: it is answered {@code 400} if no response has started (else the connection is
 * only closed), the connection is closed, and a DEBUG line says so. The handler reading
 * the body then sees its connection closed, as when a client goes away. Reactor Netty
 * would answer 400 itself while the handler goes on, whose own answer then fails with an
 * ERROR and its stack.</li>
 * <li>A client that shuts its output down after its request (HTTP/1.0-style clients,
 * {@code nc -N}) still gets its answer if the handler writes it within the half-close
 * grace: the connection allows half-closure, and this guard closes it once the responses
 * to the requests read so far have been written, at once if none is pending, and at the
 * end of the grace otherwise. The end of a client's input cannot be told from the client
 * going away (both are a FIN), so the grace is also how long a gone client's handler may
 * go on before its connection closes and the handler is cancelled; Reactor Netty alone
 * closes at once, which only answers handlers that answer within the read that brought
 * the request.</li>
 * </ul>
 * All its methods run on the connection's event loop, which alone reads and writes its
 * fields.
 */
final class HttpConnectionGuard extends ChannelDuplexHandler {

	static final String NAME = "green.httpConnectionGuard";

	private static final Logger logger = LoggerFactory.getLogger(HttpConnectionGuard.class);

	// Requests read whose final response has not been written yet.
	private int pending;

	private boolean inputShutdown;

	private boolean rejected;

	// Whether a response has started and not ended yet.
	private boolean responding;

	private final long halfCloseGraceNanos;

	private @Nullable ScheduledFuture<?> closing;

	HttpConnectionGuard(Duration halfCloseGrace) {
		this.halfCloseGraceNanos = halfCloseGrace.toNanos();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.rejected) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			HttpVersion version = request.protocolVersion();
			if (version.majorVersion() != 1 || version.minorVersion() > 1) {
				reject(ctx, version);
				ReferenceCountUtil.release(msg);
				return;
			}
			this.pending++;
		}
		else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
			rejectBody(ctx, content.decoderResult().cause());
			ReferenceCountUtil.release(msg);
			return;
		}
		ctx.fireChannelRead(msg);
	}

	private void rejectBody(ChannelHandlerContext ctx, Throwable cause) {
		this.rejected = true;
		logger.debug("Connection {} sent a request body that cannot be decoded ({}); answered 400 and closed",
				ctx.channel(), cause.toString());
		if (this.responding) {
			ctx.close();
			return;
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
		response.headers()
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private void reject(ChannelHandlerContext ctx, HttpVersion version) {
		this.rejected = true;
		logger.debug("Connection {} asked for {}; answered 505 and closed", ctx.channel(), version.text());
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED);
		response.headers()
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.rejected) {
			// the connection is closing: what the application still writes goes nowhere
			ReferenceCountUtil.release(msg);
			if (!promise.isVoid()) {
				promise.tryFailure(new ClosedChannelException());
			}
			return;
		}
		if (msg instanceof HttpResponse && !isInterim(msg)) {
			this.responding = true;
		}
		if (msg instanceof LastHttpContent && !isInterim(msg)) {
			this.responding = false;
		}
		if (msg instanceof LastHttpContent && !isInterim(msg) && this.pending > 0) {
			this.pending--;
			if (this.inputShutdown && this.pending == 0) {
				if (this.closing != null) {
					this.closing.cancel(false);
				}
				ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
				return;
			}
		}
		ctx.write(msg, promise);
	}

	/**
	 * A {@code 1xx} response ({@code 100 Continue}) comes before the request's final one.
	 */
	private static boolean isInterim(Object msg) {
		return msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
	}

	/**
	 * Asks for more input, unless the input has ended: on Netty's epoll transport a read
	 * asked of a half-closed connection fails ({@code epoll_ctl} of a socket its loop has
	 * dropped from the epoll set) and is logged as an error.
	 */
	@Override
	public void read(ChannelHandlerContext ctx) {
		if (!this.inputShutdown) {
			ctx.read();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof ChannelInputShutdownEvent && !this.inputShutdown) {
			this.inputShutdown = true;
			if (this.pending == 0 || this.halfCloseGraceNanos == 0) {
				ctx.close();
			}
			else {
				this.closing = ctx.executor()
					.schedule(() -> ctx.close(), this.halfCloseGraceNanos, TimeUnit.NANOSECONDS);
			}
		}
		ctx.fireUserEventTriggered(evt);
	}

}
