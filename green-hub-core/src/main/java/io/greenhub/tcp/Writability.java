package io.greenhub.tcp;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.LockSupport;

import io.greenhub.internal.Blocking;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * Wakes the writer of a connection when its channel becomes writable again, or fails, and
 * marks the end of the peer's output: a handler at the head of the channel's pipeline,
 * called on the event loop; the writer waits on a green thread.
 */
final class Writability extends ChannelInboundHandlerAdapter {

	static final String NAME = "green.writability";

	// Written by the writing thread around its park; read by the event loop to wake it.
	private volatile @Nullable Thread waiter;

	// Written by the event loop when the channel fails; read by the writer.
	private volatile @Nullable Throwable failure;

	/**
	 * Installs the handler after the connection's codecs (such as TLS), before Reactor
	 * Netty's bridge, so the end-of-input marker is seen as plain data.
	 */
	static Writability install(Connection connection) {
		Writability writability = new Writability();
		connection.addHandlerFirst(NAME, writability);
		return writability;
	}

	/**
	 * Waits while the channel is open and not writable.
	 */
	void awaitWritable(Channel channel, String operation) throws IOException {
		while (!channel.isWritable()) {
			checkOpen(channel);
			Blocking.checkMayBlock(operation);
			this.waiter = Thread.currentThread();
			try {
				if (!channel.isWritable() && channel.isActive()) {
					Blocking.park(this);
				}
			}
			finally {
				this.waiter = null;
			}
		}
		checkOpen(channel);
	}

	private void checkOpen(Channel channel) throws IOException {
		if (!channel.isActive()) {
			Throwable cause = this.failure;
			if (cause instanceof IOException io) {
				throw io;
			}
			ClosedChannelException closed = new ClosedChannelException();
			if (cause != null) {
				closed.initCause(cause);
			}
			throw closed;
		}
	}

	private void wake() {
		Thread writer = this.waiter;
		if (writer != null) {
			LockSupport.unpark(writer);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext context) {
		wake();
		context.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext context) {
		wake();
		context.fireChannelInactive();
	}

	/**
	 * Passes the end of the peer's output on, after the data that came before it, as an
	 * empty buffer: Reactor Netty does not end the inbound on a half-close by itself.
	 */
	@Override
	public void userEventTriggered(ChannelHandlerContext context, Object event) {
		if (event == ChannelInputShutdownReadComplete.INSTANCE) {
			context.fireChannelRead(InboundBuffers.END_OF_INPUT);
		}
		context.fireUserEventTriggered(event);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		this.failure = cause;
		wake();
		context.fireExceptionCaught(cause);
	}

}
