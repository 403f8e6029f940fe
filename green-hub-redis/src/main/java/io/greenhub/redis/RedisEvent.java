package io.greenhub.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.greenhub.GreenKilledException;
import io.greenhub.spi.EventStore;
import io.greenhub.spi.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The store of a {@link io.greenhub.primitives.GreenEvent} shared by every instance on
 * one Redis: a one-shot value sent once and seen by every waiter in every instance.
 *
 * <h2>Model</h2> The event is one key, {@code <prefix>event:{name}:value}. A send sets it
 * only if it is not there (SET NX) and publishes the stored form on the event's channel,
 * in one script; a second send, from any instance, fails with
 * {@link IllegalStateException} as a local event's does. Each instance keeps what it last
 * saw: the message of a send or a reset, the answer of a look at the key. Creating the
 * store looks once, so a value sent before this instance started is seen. <pre>{@code
 * GreenEvent<String> warmed = GreenEvent.of(redis.event("warmed", RedisValueCodec.strings(), Duration.ofHours(1)));
 * warmed.await(Duration.ofSeconds(30));       // in every instance; one of them sends
 * }</pre>
 *
 * <h2>Waiting</h2> A waiter that has seen nothing looks at the key, then parks its green
 * thread until a message of the channel, a reconnect or a disconnect of the client, or
 * its own time is up; after a message it has what was sent, after a reconnect or
 * disconnect it looks at the key again (messages published while the connection was down
 * are lost). No waiter polls. Every waiter of this instance wakes on the one message;
 * there is no order among them.
 *
 * <h2>Exceptions</h2> An exception sent is stored as its class name and message; every
 * waiter, in every instance, the sender's included, throws a {@link RedisEventException}
 * that carries them.
 *
 * <h2>Reset and time to live</h2> {@link #reset()} deletes the key and publishes the
 * reset: every instance's waiters go on waiting for the next send. A value sent stays in
 * Redis for {@code timeToLive}, then the key is gone: a look from then on finds the event
 * not ready, while an instance that saw the value keeps it until a reset.
 *
 * <p>
 * Each instance holds one subscription per event name ({@link #close()} ends it), so a
 * name is made once per {@link GreenRedis}: an event per order, say, is made once, shared
 * by the threads of the instance and closed when done with.
 *
 * <h2>Failures</h2> Each round trip is bounded by {@code timeout}; past it, or with Redis
 * unreachable, the operation throws {@link StoreUnavailableException}, a waiter whose
 * client loses its connection too (within the timeout of its look). {@link #isReady()}
 * and {@link #hasException()} make no round trip: they say what this instance last saw.
 *
 * @param <T> the type of the value
 */
public final class RedisEvent<T> implements EventStore<T>, AutoCloseable {

	private static final String VALUE = "v";

	private static final String EXCEPTION = "e";

	private final GreenRedis redis;

	private final String name;

	private final RedisValueCodec<T> codec;

	private final String[] keys;

	private final String channel;

	private final long timeToLiveMillis;

	private final Signal changed;

	private final Consumer<String> listener = this::message;

	// The stored form last seen, null for not ready, and the version Redis counted for
	// it: written
	// together under this event's lock by the pub/sub listener (Lettuce's event loop), by
	// senders,
	// resetters and waiters after their look, each only if its version is not older than
	// the one
	// seen (a send's message may come after this instance's own reset); seen is read by
	// anyone.
	private volatile @Nullable String seen;

	private long version;

	private final AtomicInteger waiting = new AtomicInteger();

	RedisEvent(GreenRedis redis, String name, RedisValueCodec<T> codec, Duration timeToLive) {
		this.redis = redis;
		this.name = Objects.requireNonNull(name, "name");
		this.codec = Objects.requireNonNull(codec, "codec");
		if (timeToLive.toMillis() < 1) {
			throw new IllegalArgumentException(
					"Event '" + name + "' on Redis needs a time to live of at least 1 ms, was: " + timeToLive);
		}
		this.timeToLiveMillis = timeToLive.toMillis();
		this.keys = new String[] { redis.key("event", name, "value"), redis.key("event", name, "version") };
		this.channel = redis.key("event", name, "sent");
		this.changed = redis.subscribe(this.channel, this.listener);
		look();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String store() {
		return "redis";
	}

	/**
	 * Sets the value for every instance unless one was sent: parks a green thread for one
	 * round trip.
	 * @throws IllegalStateException if the event has been sent already, here or elsewhere
	 * @throws StoreUnavailableException if Redis does not answer within the timeout
	 */
	@Override
	public void send(T value) {
		complete(VALUE + this.codec.encode(Objects.requireNonNull(value, "value")));
	}

	/**
	 * Sets the exception's class name and message for every instance unless the event was
	 * sent: parks a green thread for one round trip.
	 * @throws IllegalStateException if the event has been sent already, here or elsewhere
	 * @throws StoreUnavailableException if Redis does not answer within the timeout
	 */
	@Override
	public void sendException(Throwable exception) {
		complete(EXCEPTION + exception.getClass().getName() + "\n" + exception.getMessage());
	}

	private void complete(String stored) {
		List<Object> answer = this.redis.calls()
			.call("send of event '" + this.name + "'", EventScripts.SEND, this.keys, stored,
					String.valueOf(this.timeToLiveMillis), this.channel);
		if (RedisCalls.asLong(answer.get(0)) == 1) {
			see(RedisCalls.asLong(answer.get(1)), stored);
			return;
		}
		String previous = (answer.size() > 2 && answer.get(2) != null) ? String.valueOf(answer.get(2)) : null;
		if (previous != null) {
			see(RedisCalls.asLong(answer.get(1)), previous);
		}
		throw new IllegalStateException("Event '" + this.name + "' has already been sent " + describe(previous)
				+ "; reset it before sending again");
	}

	/**
	 * Waits at most the given time for the event: returns at once if this instance has
	 * seen it sent, else parks a green thread (blocks a platform thread). Killing the
	 * waiter ends its wait with a {@link GreenKilledException}; the event is unaffected.
	 * @throws RedisEventException if the event was sent an exception
	 * @throws StoreUnavailableException if Redis does not answer within the timeout, or
	 * the connection is lost while waiting
	 */
	@Override
	public @Nullable T await(long nanos) {
		String stored = this.seen;
		if (stored != null) {
			return report(stored);
		}
		long deadline = System.nanoTime() + nanos;
		for (;;) {
			CompletableFuture<Void> wake = this.changed.next();
			stored = this.seen;
			if (stored == null) {
				stored = look();
			}
			if (stored != null) {
				return report(stored);
			}
			long left = deadline - System.nanoTime();
			if (nanos == 0 || nanos > 0 && left <= 0) {
				return null;
			}
			this.waiting.incrementAndGet();
			try {
				Waits.waitFor(wake, (nanos < 0) ? Long.MAX_VALUE : left);
			}
			finally {
				this.waiting.decrementAndGet();
			}
		}
	}

	@Override
	public boolean isReady() {
		return this.seen != null;
	}

	@Override
	public boolean hasException() {
		String stored = this.seen;
		return stored != null && stored.startsWith(EXCEPTION);
	}

	/**
	 * Deletes the value for every instance and publishes the reset: parks a green thread
	 * for one round trip. Waiters go on waiting for the next send.
	 * @throws StoreUnavailableException if Redis does not answer within the timeout
	 */
	@Override
	public void reset() {
		List<Object> answer = this.redis.calls()
			.call("reset of event '" + this.name + "'", EventScripts.RESET, this.keys, this.channel);
		see(RedisCalls.asLong(answer.get(1)), null);
	}

	@Override
	public int waiters() {
		return this.waiting.get();
	}

	/**
	 * Returns how long a sent value stays in Redis.
	 * @return the time to live
	 */
	public Duration timeToLive() {
		return Duration.ofMillis(this.timeToLiveMillis);
	}

	/**
	 * Unsubscribes from the event's channel, without waiting: for an event made for a
	 * while (one per order, say) rather than for the application's life. Waiters of this
	 * instance see no message from then on; the value in Redis is left as it is. One
	 * {@code GreenRedis} holds one subscription per event name: close an event before
	 * another of the same name is made.
	 */
	@Override
	public void close() {
		this.redis.unsubscribe(this.channel, this.listener);
	}

	// On Lettuce's event loop: a send publishes <version>:<stored form>, a reset
	// <version>:.
	private void message(String message) {
		int colon = (message != null) ? message.indexOf(':') : -1;
		if (colon <= 0) {
			return;
		}
		String stored = message.substring(colon + 1);
		see(Long.parseLong(message.substring(0, colon)), stored.isEmpty() ? null : stored);
	}

	// Keeps what Redis said at this version, unless this instance has seen a later one.
	private synchronized void see(long version, @Nullable String stored) {
		if (version >= this.version) {
			this.version = version;
			this.seen = stored;
		}
	}

	private @Nullable String look() {
		List<Object> answer = this.redis.calls()
			.call("await of event '" + this.name + "'", EventScripts.LOOK, this.keys);
		String stored = (answer.size() > 1 && answer.get(1) != null) ? String.valueOf(answer.get(1)) : null;
		if (stored != null) {
			// an expired value is not forgotten by an instance that saw it: only a reset
			// does that
			see(RedisCalls.asLong(answer.get(0)), stored);
		}
		return stored;
	}

	private T report(String stored) {
		if (stored.startsWith(EXCEPTION)) {
			int end = stored.indexOf('\n');
			String type = (end < 0) ? stored.substring(1) : stored.substring(1, end);
			String detail = (end < 0) ? "" : stored.substring(end + 1);
			throw new RedisEventException(this.name, type, detail);
		}
		return this.codec.decode(stored.substring(VALUE.length()));
	}

	private static String describe(@Nullable String stored) {
		if (stored == null) {
			return "(the value has expired or been reset meanwhile)";
		}
		if (stored.startsWith(EXCEPTION)) {
			return "the exception " + stored.substring(1).replace('\n', ':');
		}
		return "the value " + stored.substring(VALUE.length());
	}

	@Override
	public String toString() {
		return "RedisEvent '" + this.name + "' (" + ((this.seen == null) ? "not ready" : "ready") + ")";
	}

}
