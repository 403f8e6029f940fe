package io.greenhub.spring.web.socket;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * Sees the malformed frames of a green session's connection, right after Netty's
 * WebSocket decoder, which has sent its close frame and closed the connection already:
 * tells the session's end, which then ends it with that status, and goes no further once
 * the connection is closed (the inbound has ended, and would report the client's error
 * again). On the event loop.
 */
final class FrameErrors extends ChannelInboundHandlerAdapter {

	static final String NAME = "green.websocket.frame-errors";

	private final SessionEnd end;

	FrameErrors(SessionEnd end) {
		this.end = end;
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException corrupted) {
			this.end.malformed(corrupted);
			if (!context.channel().isActive()) {
				return;
			}
		}
		context.fireExceptionCaught(cause);
	}

}
