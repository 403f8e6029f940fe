package io.greenhub;

import java.util.concurrent.Executor;

import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;

/**
 * The event loop of a hub in pool mode: Netty's own single-threaded loop; its green threads run on
 * the JDK's default virtual-thread scheduler.
 */
final class PoolModeEventLoop extends SingleThreadIoEventLoop implements HubEventLoop {

	private final DefaultGreenHub hub;

	PoolModeEventLoop(IoEventLoopGroup parent, Executor threadStarter, IoHandlerFactory handlers,
			GreenHubGroup group, int index) {
		super(parent, threadStarter, handlers);
		this.hub = new DefaultGreenHub(group, index, HubMode.POOL, this, Thread.ofVirtual().factory());
	}

	@Override
	public DefaultGreenHub hub() {
		return this.hub;
	}

}
