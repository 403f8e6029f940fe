package io.greenhub;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The Netty event loop group of a hub group: one event loop, and so one hub, per thread.
 */
final class HubLoopGroup extends MultiThreadIoEventLoopGroup {

	HubLoopGroup(int hubs, IoHandlerFactory handlers, GreenHubGroup group, HubMode mode) {
		super(hubs, (Executor) null, handlers, group, mode);
	}

	@Override
	protected IoEventLoop newChild(Executor unused, IoHandlerFactory handlers, Object... args) {
		GreenHubGroup group = (GreenHubGroup) args[0];
		HubMode mode = (HubMode) args[1];
		int index = group.nextIndex();
		ThreadFactory threads = (body) -> {
			Thread thread = new FastThreadLocalThread(body, group.name() + "-" + index);
			thread.setDaemon(true);
			return thread;
		};
		if (mode == HubMode.LOOP) {
			return new LoopModeEventLoop(this, handlers, group, index, threads);
		}
		return new PoolModeEventLoop(this, (task) -> threads.newThread(task).start(), handlers, group, index);
	}

}
