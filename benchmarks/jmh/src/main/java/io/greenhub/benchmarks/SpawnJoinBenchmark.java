package io.greenhub.benchmarks;

import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Spawning a green thread that returns at once, and joining it. The platform driver
 * starts and joins a virtual thread of the JDK's default scheduler instead.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
public class SpawnJoinBenchmark {

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public long spawnJoin(Driver.Any driver) throws Exception {
		if (driver.isPlatform()) {
			return driver.run(() -> {
				long done = 0;
				for (int i = 0; i < Driver.BATCH; i++) {
					Thread.ofVirtual().start(SpawnJoinBenchmark::nothing).join();
					done++;
				}
				return done;
			});
		}
		return driver.run(SpawnJoinBenchmark::spawnJoinBatch);
	}

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public long spawnJoinObserved(Driver.Observed driver) throws Exception {
		return driver.run(SpawnJoinBenchmark::spawnJoinBatch);
	}

	private static long spawnJoinBatch() {
		long sum = 0;
		for (int i = 0; i < Driver.BATCH; i++) {
			sum += Green.spawn(SpawnJoinBenchmark::one).join();
		}
		return sum;
	}

	private static void nothing() {
	}

	private static int one() {
		return 1;
	}

}
