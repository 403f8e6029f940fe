package io.greenhub.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.redis.GreenRedis;
import io.greenhub.redis.GreenRedisOptions;
import io.greenhub.redis.RedisValueCodec;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.NullUnmarked;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RBlockingQueue;
import org.redisson.api.RSemaphore;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Named primitives on Redis, round trip by round trip, against Redisson's
 * {@code RSemaphore} and {@code RBlockingQueue} and against raw Lettuce commands as the
 * floor: acquire+release of a semaphore, and put+take of a queue (green-hub's take is
 * followed by its {@code taskDone}, the XACK that makes the entry safe from a crash;
 * Redisson's blocking queue has no acknowledgement). The floor does the fewest commands
 * that could do the job: INCR and DECR of a counter for the semaphore, XADD, XREADGROUP
 * and XACK for the queue, the XACK not waited for (green-hub's taskDone does not wait for
 * its acknowledgement either: it rides in the next put's script), so both wait for two
 * round trips. Each benchmark starts its own {@code redis-server} (no persistence) on a
 * free loopback port. Run several threads with JMH's {@code -t} for throughput; the
 * figures belong in docs/performance.md from a quiet machine only.
 */
@BenchmarkMode({ Mode.AverageTime, Mode.Throughput })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
@State(Scope.Benchmark)
@NullUnmarked // JMH state: @Setup sets only the fields of the client or transport under
				// test
public class RedisBenchmark {

	@Param({ "green", "lettuce", "redisson" })
	public String client = "green";

	private Process server;

	private int port;

	private RedisClient lettuce;

	private GreenRedis redis;

	private GreenSemaphore semaphore;

	private GreenQueue<String> queue;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> commands;

	private RedissonClient redisson;

	private RSemaphore redissonSemaphore;

	private RBlockingQueue<String> redissonQueue;

	@Setup(Level.Trial)
	public void start() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		this.port = port;
		Path directory = Files.createTempDirectory("redis-bench");
		this.server = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--dir", directory.toString(), "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		awaitPing(port);
		String uri = "redis://127.0.0.1:" + port;
		switch (this.client) {
			case "green" -> {
				this.lettuce = RedisClient.create(uri);
				GreenRedis redis = GreenRedis.connect(this.lettuce, GreenRedisOptions.defaults());
				GreenSemaphore downstream = GreenSemaphore.of(redis.semaphore("downstream", 8));
				GreenQueue<String> orders = GreenQueue.of(redis.queue("orders", 10_000, RedisValueCodec.strings()));
				this.redis = redis;
				this.semaphore = downstream;
				this.queue = orders;
			}
			case "lettuce" -> {
				this.lettuce = RedisClient.create(uri);
				this.connection = this.lettuce.connect();
				this.commands = this.connection.sync();
				this.commands.xgroupCreate(XReadArgs.StreamOffset.from("orders", "0"), "group",
						io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
			}
			case "redisson" -> {
				Config config = new Config();
				config.useSingleServer().setAddress(uri);
				this.redisson = Redisson.create(config);
				this.redissonSemaphore = this.redisson.getSemaphore("downstream");
				this.redissonSemaphore.trySetPermits(8);
				this.redissonQueue = this.redisson.getBlockingQueue("orders");
			}
			default -> throw new IllegalArgumentException("No such client: " + this.client);
		}
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		if (this.redis != null) {
			this.redis.close();
		}
		if (this.connection != null) {
			this.connection.close();
		}
		if (this.lettuce != null) {
			this.lettuce.shutdown();
		}
		if (this.redisson != null) {
			this.redisson.shutdown();
		}
		this.server.destroy();
		this.server.waitFor(10, TimeUnit.SECONDS);
	}

	/** One acquire and one release of a permit of eight. */
	@Benchmark
	public void acquireRelease() throws InterruptedException {
		switch (this.client) {
			case "green" -> {
				this.semaphore.acquire();
				this.semaphore.release();
			}
			case "lettuce" -> {
				this.commands.incr("downstream");
				this.commands.decr("downstream");
			}
			default -> {
				this.redissonSemaphore.acquire();
				this.redissonSemaphore.release();
			}
		}
	}

	/** One put and one take (and for green-hub its taskDone). */
	@Benchmark
	@SuppressWarnings("unchecked") // Lettuce's xreadgroup has generic varargs without
									// @SafeVarargs
	public Object putTake() throws InterruptedException {
		switch (this.client) {
			case "green" -> {
				this.queue.put("order");
				String order = this.queue.take();
				this.queue.taskDone();
				return order;
			}
			case "lettuce" -> {
				this.commands.xadd("orders", "v", "order");
				List<StreamMessage<String, String>> read = this.commands.xreadgroup(Consumer.from("group", "bench"),
						XReadArgs.Builder.count(1), XReadArgs.StreamOffset.lastConsumed("orders"));
				// not waited for, as green-hub's taskDone: the next command on the
				// connection follows it
				this.connection.async().xack("orders", "group", read.get(0).getId());
				return read;
			}
			default -> {
				this.redissonQueue.put("order");
				return this.redissonQueue.take();
			}
		}
	}

	/**
	 * Returns the port of this trial's {@code redis-server}, for {@link RedisCounts}.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	private static void awaitPing(int port) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				socket.setSoTimeout(1000);
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				InputStream in = socket.getInputStream();
				if (new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(20);
		}
		throw new IOException("redis-server on port " + port + " did not answer PING in 20 s");
	}

}
