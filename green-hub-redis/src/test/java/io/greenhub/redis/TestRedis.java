package io.greenhub.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.greenhub.primitives.GreenSemaphore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Instances for tests: each {@link #instance} is a client and a {@link GreenRedis} of its
 * own, as another application instance would have; all closed with this. Plus a hub group
 * and a raw connection to look at Redis directly.
 */
final class TestRedis implements AutoCloseable {

	/** The bound on every wait in the tests: far above what any of them needs. */
	static final Duration WAIT = Duration.ofSeconds(20);

	private final String uri;

	private final List<AutoCloseable> closing = new ArrayList<>();

	final GreenHubGroup hubs;

	private RedisCommands<String, String> raw;

	TestRedis(String uri) {
		this.uri = uri;
		this.hubs = GreenHubGroup.builder()
			.name("redis-test")
			.hubs(2)
			.mode(HubMode.POOL)
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.build();
		this.closing.add(this.hubs);
	}

	GreenRedis instance(GreenRedisOptions options) {
		return instance(options, RedisURI.DEFAULT_TIMEOUT_DURATION);
	}

	/** An instance whose client's own command timeout is the one given. */
	GreenRedis instance(GreenRedisOptions options, Duration clientTimeout) {
		RedisClient client = RedisClient
			.create(RedisURI.builder(RedisURI.create(this.uri)).withTimeout(clientTimeout).build());
		this.closing.add(0, client::shutdown);
		GreenRedis redis = GreenRedis.connect(client, options);
		this.closing.add(0, redis);
		return redis;
	}

	/**
	 * Returns the one-permit semaphore of that name in two new instances, with a lease of
	 * 60 s: far past every test's bound, so a waiter's own timer (set to the first
	 * lease's expiry) cannot be what wakes it, only a release can.
	 */
	List<GreenSemaphore> oneSemaphoreInTwoInstances(String name) {
		GreenRedisOptions options = options().withLease(Duration.ofSeconds(60));
		return List.of(GreenSemaphore.of(instance(options).semaphore(name, 1)),
				GreenSemaphore.of(instance(options).semaphore(name, 1)));
	}

	// one raw connection, made at the first look: tests look from await loops too
	synchronized RedisCommands<String, String> raw() {
		if (this.raw == null) {
			RedisClient client = RedisClient.create(RedisURI.create(this.uri));
			StatefulRedisConnection<String, String> connection = client.connect();
			this.closing.add(0, client::shutdown);
			this.closing.add(0, connection);
			this.raw = connection.sync();
		}
		return this.raw;
	}

	/**
	 * Returns how many times Redis has run the command since it started, scripts' calls
	 * included ({@code INFO commandstats}).
	 */
	long calls(String command) {
		for (String line : raw().info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":calls=")) {
				return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
			}
		}
		return 0;
	}

	/** Returns Redis's clock ({@code TIME}) in ms, floored. */
	long millis() {
		List<String> time = raw().time();
		return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
	}

	static GreenRedisOptions options() {
		return GreenRedisOptions.defaults().withTimeout(Duration.ofMillis(500));
	}

	@Override
	public void close() {
		for (AutoCloseable each : this.closing) {
			try {
				each.close();
			}
			catch (Exception ex) {
				// closing what is left
			}
		}
	}

}
