package io.greenhub.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.publisher.Mono;

/**
 * One pub/sub connection whose messages fire the {@link Signal} of their channel, so a waiter is
 * woken by a release or a put, not by polling. Lettuce subscribes again after a reconnect; as
 * messages published meanwhile are lost, every signal fires on each reconnect and the waiters look
 * again. Listeners run on Lettuce's event loop and only complete futures.
 */
final class Wakeups implements RedisConnectionStateListener {

	private final StatefulRedisPubSubConnection<String, String> connection;

	// Written by the threads that create primitives; read by the listener.
	private final Map<String, Signal> signals = new ConcurrentHashMap<>();

	Wakeups(StatefulRedisPubSubConnection<String, String> connection) {
		this.connection = connection;
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				Signal signal = Wakeups.this.signals.get(channel);
				if (signal != null) {
					signal.fire();
				}
			}

		});
	}

	/**
	 * Subscribes to the channel, waiting at most the timeout, and returns its signal.
	 */
	Signal subscribe(RedisCalls calls, String channel, Duration timeout) {
		Signal signal = this.signals.computeIfAbsent(channel, (ignored) -> new Signal());
		calls.await("subscribe to " + channel, this.connection.reactive().subscribe(channel).timeout(timeout).then(Mono.just(true)));
		return signal;
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
		this.signals.values().forEach(Signal::fire);
	}

	void close() {
		this.connection.close();
	}

}
