package io.greenhub.benchmarks;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code Green.blockOn} of a Mono that is complete already (a constant, and a sink that
 * has emitted), and of one that an event-loop task completes after the caller has parked.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
public class BlockOnBenchmark {

	private static final Mono<Integer> CONSTANT = Mono.just(1);

	private static final Mono<Integer> EMITTED = emitted();

	private static Mono<Integer> emitted() {
		Sinks.One<Integer> sink = Sinks.one();
		sink.tryEmitValue(1);
		return sink.asMono();
	}

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int completedConstant(Driver.Any driver, Blackhole blackhole) throws Exception {
		return driver.run(() -> consume(CONSTANT, blackhole));
	}

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int completedSink(Driver.Any driver, Blackhole blackhole) throws Exception {
		return driver.run(() -> consume(EMITTED, blackhole));
	}

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int completedLaterByTheLoop(Driver.Any driver, Blackhole blackhole) throws Exception {
		Executor loop = driver.loop();
		Mono<Integer> later = Mono.create((sink) -> loop.execute(() -> sink.success(1)));
		return driver.run(() -> consume(later, blackhole));
	}

	private static int consume(Mono<Integer> mono, Blackhole blackhole) {
		for (int i = 0; i < Driver.BATCH; i++) {
			blackhole.consume(Green.blockOn(mono));
		}
		return Driver.BATCH;
	}

}
