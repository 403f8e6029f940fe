package io.greenhub.internal;

import java.util.concurrent.Executor;

import io.greenhub.HubMode;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.SingleThreadIoEventLoop;
import org.jspecify.annotations.Nullable;

/**
 * The event loop of a hub in pool mode: Netty's own single-threaded loop; its green
 * threads run on the JDK's default virtual-thread scheduler.
 */
final class PoolModeEventLoop extends SingleThreadIoEventLoop implements HubEventLoop {

	private final DefaultGreenHub hub;

	// Written once by the loop's thread as it starts; read by the watchdog.
	private volatile @Nullable Thread loopThread;

	// Written once by the loop's thread as it starts; read by the watchdog.
	private volatile int loopOsThreadId = -1;

	PoolModeEventLoop(IoEventLoopGroup parent, Executor threadStarter, IoHandlerFactory handlers, HubGroupRuntime group,
			int index) {
		super(parent, threadStarter, handlers);
		this.hub = new DefaultGreenHub(group, index, HubMode.POOL, this, Thread.ofVirtual().factory());
		execute(() -> {
			this.loopOsThreadId = CarrierTimes.currentOsThreadId();
			this.loopThread = Thread.currentThread();
		});
	}

	@Override
	public @Nullable Thread loopThread() {
		return this.loopThread;
	}

	@Override
	public @Nullable Thread carrier() {
		return this.loopThread;
	}

	@Override
	public int carrierOsThreadId() {
		return this.loopOsThreadId;
	}

	@Override
	public DefaultGreenHub hub() {
		return this.hub;
	}

}
