package io.greenhub.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import io.greenhub.HubMode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The Netty event loop group of a hub group: one event loop, and so one hub, per thread.
 */
final class HubLoopGroup extends MultiThreadIoEventLoopGroup {

	// The loops made, in index order.
	private final List<HubEventLoop> hubLoops;

	HubLoopGroup(int hubs, IoHandlerFactory handlers, HubGroupRuntime group, HubMode mode) {
		this(hubs, handlers, group, mode, new ArrayList<>(hubs));
	}

	// newChild runs inside the super constructor, before this class's fields are set: it
	// adds to made
	private HubLoopGroup(int hubs, IoHandlerFactory handlers, HubGroupRuntime group, HubMode mode,
			List<HubEventLoop> made) {
		super(hubs, (Executor) null, handlers, group, mode, made);
		this.hubLoops = List.copyOf(made);
	}

	/**
	 * Returns the event loops, one per hub, in index order.
	 */
	List<HubEventLoop> hubLoops() {
		return this.hubLoops;
	}

	/**
	 * Registers the channel with the next event loop and, once registered, counts it on
	 * that loop's hub until it closes. Runs on the thread that registers: an acceptor
	 * loop, or a client's caller.
	 */
	@Override
	public ChannelFuture register(Channel channel) {
		return counted(super.register(channel));
	}

	@Override
	public ChannelFuture register(ChannelPromise promise) {
		return counted(super.register(promise));
	}

	private static ChannelFuture counted(ChannelFuture registration) {
		registration.addListener((ChannelFutureListener) (registered) -> {
			if (registered.isSuccess() && registered.channel().eventLoop() instanceof HubEventLoop loop) {
				loop.hub().channelRegistered(registered.channel());
			}
		});
		return registration;
	}

	@Override
	protected IoEventLoop newChild(Executor unused, IoHandlerFactory handlers, Object... args) {
		HubGroupRuntime group = (HubGroupRuntime) args[0];
		HubMode mode = (HubMode) args[1];
		@SuppressWarnings("unchecked")
		List<HubEventLoop> made = (List<HubEventLoop>) args[2];
		int index = group.nextIndex();
		ThreadFactory threads = (body) -> {
			Thread thread = new FastThreadLocalThread(body, group.name() + "-" + index);
			thread.setDaemon(true);
			return thread;
		};
		HubEventLoop loop = (mode == HubMode.LOOP) ? new LoopModeEventLoop(this, handlers, group, index, threads)
				: new PoolModeEventLoop(this, (task) -> threads.newThread(task).start(), handlers, group, index);
		made.add(loop);
		return loop;
	}

}
