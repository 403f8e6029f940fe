package io.greenhub.redis;

import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spi.StoreUnavailableException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

/**
 * green-hub's primitives on one Redis: semaphores whose permits are leases, queues on
 * streams with a consumer group, one-shot events. Every instance of an application that
 * names a primitive alike shares it. Built on the application's own Lettuce
 * {@link RedisClient} (in Spring, the one of Boot's Redis auto-configuration): it opens
 * one connection for commands, shared by every primitive, and one for pub/sub wake-ups,
 * and a daemon thread that renews leases. <pre>{@code
 * GreenRedis redis = GreenRedis.connect(RedisClient.create("redis://localhost"), GreenRedisOptions.defaults());
 * GreenSemaphore downstream = GreenSemaphore.of(redis.semaphore("downstream", 8));
 * GreenQueue<String> orders = GreenQueue.of(redis.queue("orders", 10_000, RedisValueCodec.strings()));
 * }</pre> Creating a primitive subscribes to its channels and blocks the calling thread
 * for at most the timeout; {@link #close()} stops renewals and closes the two
 * connections, not the client.
 */
public final class GreenRedis implements AutoCloseable {

	private final RedisClient client;

	private final GreenRedisOptions options;

	private final StatefulRedisConnection<String, String> connection;

	private final Wakeups wakeups;

	private final RedisCalls calls;

	private final String instance;

	// Numbers the ids of leases and waiters: taken by acquirers, putters and takers.
	private final AtomicLong ids = new AtomicLong();

	private final ScheduledExecutorService renewals;

	private final RedisClock clock;

	// Set by close; read by the factory methods, which make nothing once it is set.
	private volatile boolean closed;

	// Set by the first semaphore made, which starts the clock's samples.
	private final AtomicBoolean clockStarted = new AtomicBoolean();

	// Loads the scripts again whenever the command connection reconnects: on Lettuce's
	// event loop.
	private final RedisConnectionStateListener reloader;

	private GreenRedis(RedisClient client, GreenRedisOptions options,
			StatefulRedisConnection<String, String> connection, Wakeups wakeups) {
		this.client = client;
		this.options = options;
		this.connection = connection;
		this.wakeups = wakeups;
		this.calls = new RedisCalls(connection, client.getResources().timer(), options.timeout());
		this.clock = new RedisClock(this.calls);
		this.instance = ProcessHandle.current().pid() + "-" + Long.toHexString(new SecureRandom().nextLong());
		this.renewals = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("green-redis-renewal").factory());
		this.reloader = new RedisConnectionStateListener() {

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
				if (handler == connection) {
					GreenRedis.this.calls.reload(Scripts.all());
				}
			}

		};
		client.addListener(wakeups);
		client.addListener(this.reloader);
	}

	/**
	 * Opens the connections on the client and loads the scripts. Blocks the calling
	 * thread until they are open and loaded.
	 * @param client the Lettuce client, with the application's Redis URI and settings
	 * @param options the bounds
	 * @return the primitives' factory
	 * @throws StoreUnavailableException if Redis cannot be reached
	 */
	public static GreenRedis connect(RedisClient client, GreenRedisOptions options) {
		Objects.requireNonNull(client, "client");
		Objects.requireNonNull(options, "options");
		StatefulRedisConnection<String, String> connection = null;
		try {
			connection = client.connect(StringCodec.UTF8);
			// every call on it is bounded by green.redis.timeout (RedisCalls): Lettuce's
			// own timer per command would be a second one, of the client's timeout
			connection.setTimeout(Duration.ZERO);
			GreenRedis redis = new GreenRedis(client, options, connection,
					new Wakeups(client.connectPubSub(StringCodec.UTF8)));
			try {
				redis.calls.load(Scripts.all());
			}
			catch (RuntimeException ex) {
				redis.close();
				throw ex;
			}
			return redis;
		}
		catch (RedisException ex) {
			if (connection != null) {
				connection.close();
			}
			throw new StoreUnavailableException("green-hub could not connect to Redis: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns a semaphore of {@code permits} leases shared by every instance that names
	 * it; wrap it with {@link GreenSemaphore#of}.
	 * @param name the name, part of its keys
	 * @param permits the most holders at once across all instances
	 * @return the semaphore's store
	 * @throws IllegalStateException if this factory is closed
	 */
	public RedisSemaphore semaphore(String name, int permits) {
		checkOpen("semaphore", name);
		return new RedisSemaphore(this, name, permits);
	}

	/**
	 * Returns a queue of at most {@code capacity} entries on a stream shared by every
	 * instance that names it; wrap it with {@link GreenQueue#of}.
	 * @param <T> the type of the items
	 * @param name the name, part of its keys
	 * @param capacity the most entries the stream holds, taken or not, until they are
	 * done
	 * @param codec how items become the strings stored
	 * @return the queue's store
	 * @throws IllegalStateException if this factory is closed
	 */
	public <T> RedisQueue<T> queue(String name, int capacity, RedisValueCodec<T> codec) {
		checkOpen("queue", name);
		return new RedisQueue<>(this, name, capacity, codec);
	}

	/**
	 * Returns a one-shot event shared by every instance that names it: sent once, seen by
	 * every waiter in every instance; wrap it with {@link GreenEvent#of}.
	 * @param <T> the type of the value
	 * @param name the name, part of its key
	 * @param codec how the value becomes the string stored
	 * @param timeToLive how long the sent value stays in Redis
	 * @return the event's store
	 * @throws IllegalStateException if this factory is closed
	 */
	public <T> RedisEvent<T> event(String name, RedisValueCodec<T> codec, Duration timeToLive) {
		checkOpen("event", name);
		return new RedisEvent<>(this, name, codec, timeToLive);
	}

	private void checkOpen(String kind, String name) {
		if (this.closed) {
			throw new IllegalStateException("Cannot make the " + kind + " '" + name + "': this GreenRedis is closed");
		}
	}

	/**
	 * Returns the bounds.
	 * @return the options
	 */
	public GreenRedisOptions options() {
		return this.options;
	}

	/**
	 * Returns the client the connections were opened on.
	 * @return the client
	 */
	public RedisClient client() {
		return this.client;
	}

	/**
	 * Returns this instance's name among the consumers and holders: its process id and a
	 * random 64-bit part (a process id alone repeats across containers).
	 * @return the instance's name
	 */
	public String instance() {
		return this.instance;
	}

	/**
	 * Returns a new id unique among this instance's and every other instance's: the
	 * instance's name and a number, with no random draw per id.
	 */
	String nextId() {
		return this.instance + ":" + this.ids.incrementAndGet();
	}

	RedisCalls calls() {
		return this.calls;
	}

	/**
	 * Returns the reckoning of Redis's clock, sampled every second from the first call
	 * on.
	 */
	RedisClock clock() {
		if (this.clockStarted.compareAndSet(false, true)) {
			every(Duration.ofSeconds(1), this.clock::sample);
			this.renewals.execute(this.clock::sample);
		}
		return this.clock;
	}

	Signal subscribe(String channel) {
		return this.wakeups.subscribe(this.calls, channel, this.options.timeout());
	}

	Signal subscribe(String channel, Consumer<String> listener) {
		return this.wakeups.subscribe(this.calls, channel, this.options.timeout(), listener);
	}

	void unsubscribe(String channel, Consumer<String> listener) {
		this.wakeups.unsubscribe(channel, listener);
	}

	String key(String kind, String name, String part) {
		// the braces make a name's keys one hash slot, as Redis Cluster wants for a
		// script
		return this.options.keyPrefix() + kind + ":{" + name + "}:" + part;
	}

	/** Runs the task once on the renewal thread after the delay. */
	void after(long nanos, Runnable task) {
		this.renewals.schedule(task, nanos, TimeUnit.NANOSECONDS);
	}

	ScheduledFuture<?> every(Duration period, Runnable task) {
		long millis = Math.max(1, period.toMillis());
		try {
			return this.renewals.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closed just after a factory method's check
			throw new IllegalStateException("This GreenRedis is closed", ex);
		}
	}

	/**
	 * Stops the renewals and closes the connections; the client stays open. Leases still
	 * held expire within their lease, entries still taken become reclaimable after the
	 * visibility timeout, and so do entries whose acknowledgement was still in flight (a
	 * queue's {@code join()} first waits for them).
	 */
	@Override
	public void close() {
		this.closed = true;
		// the acknowledgements waiting for a put are sent first: the delayed sends still
		// run, the periodic renewals do not
		this.renewals.shutdown();
		try {
			if (!this.renewals.awaitTermination(this.options.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
				this.renewals.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.renewals.shutdownNow();
			Thread.currentThread().interrupt();
		}
		this.client.removeListener(this.wakeups);
		this.client.removeListener(this.reloader);
		this.wakeups.close();
		this.connection.close();
	}

}
