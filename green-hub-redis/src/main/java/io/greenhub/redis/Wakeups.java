package io.greenhub.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One pub/sub connection whose messages fire the {@link Signal} of their channel, so a
 * waiter is woken by a release or a put, not by polling. Lettuce subscribes again after a
 * reconnect; as messages published meanwhile are lost, every signal fires on each
 * reconnect and the waiters look again. A channel subscribed with a listener (an event's)
 * hands the listener each message before its signal fires, and its signal fires at a
 * disconnect too, so that its waiters look again and meet the outage rather than wait for
 * a message that cannot come. Listeners run on Lettuce's event loop and only set fields
 * and complete futures.
 */
final class Wakeups implements RedisConnectionStateListener {

	private static final Logger logger = LoggerFactory.getLogger(Wakeups.class);

	private final StatefulRedisPubSubConnection<String, String> connection;

	// Written by the threads that create primitives; read by the listener.
	private final Map<String, Signal> signals = new ConcurrentHashMap<>();

	// Written by the threads that create events; read by the listener.
	private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();

	Wakeups(StatefulRedisPubSubConnection<String, String> connection) {
		this.connection = connection;
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String channel, String message) {
				Consumer<String> listener = Wakeups.this.listeners.get(channel);
				if (listener != null) {
					listener.accept(message);
				}
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
		calls.await("subscribe to " + channel,
				this.connection.reactive().subscribe(channel).timeout(timeout).then(Mono.just(true)));
		return signal;
	}

	/**
	 * Subscribes to the channel, waiting at most the timeout, and returns its signal; the
	 * listener gets each message of the channel first.
	 */
	Signal subscribe(RedisCalls calls, String channel, Duration timeout, Consumer<String> listener) {
		this.listeners.put(channel, listener);
		return subscribe(calls, channel, timeout);
	}

	/**
	 * Drops the channel's listener, if it is this one, and its signal, and unsubscribes
	 * without waiting: a failure is only logged, as the connection is then gone and so is
	 * the subscription.
	 */
	void unsubscribe(String channel, Consumer<String> listener) {
		if (this.listeners.remove(channel, listener)) {
			this.signals.remove(channel);
			this.connection.reactive()
				.unsubscribe(channel)
				.subscribe(null, (ex) -> logger.debug("Could not unsubscribe from {}", channel, ex));
		}
	}

	@Override
	public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
		this.listeners.keySet().forEach((channel) -> {
			Signal signal = this.signals.get(channel);
			if (signal != null) {
				signal.fire();
			}
		});
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
		this.signals.values().forEach(Signal::fire);
	}

	void close() {
		this.connection.close();
	}

}
