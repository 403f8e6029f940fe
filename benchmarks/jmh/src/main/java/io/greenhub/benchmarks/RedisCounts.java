package io.greenhub.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;

/**
 * Counts, not times, what one operation of {@link RedisBenchmark} costs per client: the
 * commands Redis runs (from {@code INFO commandstats}, those that scripts call included),
 * the bytes the JVM allocates (every thread's), the context switches of the JVM's threads
 * grouped by name (a thread woken for an operation is a switch: the hops), the CPU time
 * of the JVM and of the Redis process ({@code INFO cpu}), and the microseconds Redis
 * spent in each command ({@code usec} of {@code INFO commandstats}: a script's include
 * those of the commands it calls). Each count is the difference over N operations after a
 * warm-up, divided by N, on one platform thread as JMH's round trips run, or on T threads
 * sharing the N as its throughput runs do (what a command costs Redis can depend on how
 * many entries a stream holds at once, so on the threads). Counts hold on a busy machine,
 * where timings do not. <pre>
 * ./mvnw -B -ntp -pl benchmarks/jmh -am package -DskipTests
 * java -cp "benchmarks/jmh/target/classes:$(cat benchmarks/jmh/target/classpath.txt)" \
 *     io.greenhub.benchmarks.RedisCounts [operations] [clients] [threads]
 * </pre> ({@code benchmarks/redis.sh --counts} does the same, on one thread and on the
 * throughput's threads.) Linux only: the switches come from
 * {@code /proc/self/task/<tid>/status}.
 */
public final class RedisCounts {

	private RedisCounts() {
	}

	public static void main(String[] args) throws Exception {
		int operations = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		List<String> clients = (args.length > 1) ? List.of(args[1].split(","))
				: List.of("green", "lettuce", "redisson");
		int threads = (args.length > 2) ? Integer.parseInt(args[2]) : 1;
		for (String client : clients) {
			for (String benchmark : List.of("acquireRelease", "putTake")) {
				count(client, benchmark, operations, threads);
			}
		}
		// Redisson's and Lettuce's threads are shut down, but not all of them are daemons
		System.exit(0);
	}

	private static void count(String client, String benchmark, int operations, int threads) throws Exception {
		RedisBenchmark bench = new RedisBenchmark();
		bench.client = client;
		bench.start();
		RedisClient stats = RedisClient.create("redis://127.0.0.1:" + bench.port());
		try (StatefulRedisConnection<String, String> connection = stats.connect()) {
			Runnable operation = () -> {
				try {
					if (benchmark.equals("acquireRelease")) {
						bench.acquireRelease();
					}
					else {
						bench.putTake();
					}
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			};
			run(operation, Math.max(1000, operations / 4), threads).run();
			String statsBefore = connection.sync().info("commandstats");
			Map<String, Long> commandsBefore = commands(statsBefore, "calls=");
			Map<String, Long> usecBefore = commands(statsBefore, "usec=");
			double redisCpuBefore = redisCpu(connection.sync().info("cpu"));
			Map<String, Long> switchesBefore = switches();
			long bytesBefore = allocated();
			long cpuBefore = processCpu();
			Runnable release = run(operation, operations, threads);
			long cpu = processCpu() - cpuBefore;
			long bytes = allocated() - bytesBefore;
			Map<String, Long> switches = minus(switches(), switchesBefore);
			double redisCpu = redisCpu(connection.sync().info("cpu")) - redisCpuBefore;
			String statsAfter = connection.sync().info("commandstats");
			Map<String, Long> commands = minus(commands(statsAfter, "calls="), commandsBefore);
			Map<String, Long> usec = minus(commands(statsAfter, "usec="), usecBefore);
			commands.remove("info");
			usec.remove("info");
			release.run();
			System.out.printf("%-9s %-18s %s%n", client, benchmark + ((threads > 1) ? " x" + threads : ""),
					String.format(
							"commands/op %.2f %s | bytes/op %d | switches/op %.2f %s | jvm cpu us/op %.1f"
									+ " | redis cpu us/op %.1f, in commands %s",
							total(commands) / (double) operations, perOperation(commands, operations),
							bytes / operations, total(switches) / (double) operations,
							perOperation(switches, operations), cpu / 1000.0 / operations,
							redisCpu * 1_000_000 / operations, perOperation(usec, operations)));
		}
		finally {
			stats.shutdown();
			bench.stop();
		}
	}

	// Runs the operations on the threads, sharing them out, and returns once all are
	// done; the threads live on, parked, until the release returned is run, so that
	// their context switches are still counted after the run.
	private static Runnable run(Runnable operation, int operations, int threads) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(threads);
		AtomicBoolean counted = new AtomicBoolean();
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int share = operations / threads + ((t < operations % threads) ? 1 : 0);
			workers.add(Thread.ofPlatform().name("counts-" + t).daemon().start(() -> {
				try {
					for (int i = 0; i < share; i++) {
						operation.run();
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
				while (!counted.get()) {
					LockSupport.park();
				}
			}));
		}
		done.await();
		Throwable failed = failure.get();
		if (failed != null) {
			counted.set(true);
			workers.forEach(LockSupport::unpark);
			throw new IllegalStateException("An operation failed", failed);
		}
		return () -> {
			counted.set(true);
			workers.forEach(LockSupport::unpark);
			// gone before the next count, so that none of its switches is taken for
			// another's
			for (Thread worker : workers) {
				try {
					worker.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		};
	}

	private static long total(Map<String, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	private static String perOperation(Map<String, Long> counts, int operations) {
		StringBuilder out = new StringBuilder("(");
		counts.forEach((name, count) -> {
			double each = count / (double) operations;
			if (each >= 0.01) {
				out.append((out.length() > 1) ? " " : "").append(name).append(' ').append(String.format("%.2f", each));
			}
		});
		return out.append(')').toString();
	}

	private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
		Map<String, Long> out = new TreeMap<>();
		after.forEach((name, count) -> {
			long delta = count - before.getOrDefault(name, 0L);
			if (delta > 0) {
				out.put(name, delta);
			}
		});
		return out;
	}

	// cmdstat_evalsha:calls=12,usec=..., the field named: calls or usec (a script's
	// usec includes that of the commands it calls)
	private static Map<String, Long> commands(String info, String field) {
		Map<String, Long> out = new TreeMap<>();
		for (String line : info.split("\\r?\\n")) {
			if (line.startsWith("cmdstat_")) {
				String name = line.substring("cmdstat_".length(), line.indexOf(':'));
				int at = line.indexOf(field) + field.length();
				out.put(name, Long.parseLong(line.substring(at, line.indexOf(',', at))));
			}
		}
		return out;
	}

	// used_cpu_sys and used_cpu_user of the Redis process, in seconds
	private static double redisCpu(String info) {
		double seconds = 0;
		for (String line : info.split("\\r?\\n")) {
			if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
				seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		return seconds;
	}

	// the JVM's CPU time, every thread's, in nanoseconds
	private static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	// context switches of the JVM's live threads, by thread name without its trailing
	// number
	private static Map<String, Long> switches() throws IOException {
		Map<String, Long> out = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				String name = "?";
				long count = 0;
				try {
					for (String line : Files.readAllLines(task.resolve("status"))) {
						if (line.startsWith("Name:")) {
							name = line.substring(5).trim().replaceAll("[-#]?\\d+$", "");
						}
						else if (line.startsWith("voluntary_ctxt_switches:")
								|| line.startsWith("nonvoluntary_ctxt_switches:")) {
							count += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
				catch (IOException ex) {
					continue; // the thread ended
				}
				out.merge(name, count, Long::sum);
			}
		}
		return out;
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
	}

}
