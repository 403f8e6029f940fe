package io.greenhub.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The green primitives against their {@code java.util.concurrent} counterparts, all used
 * by green threads ({@code LOOP}: on one hub's carrier; {@code POOL}: virtual threads of
 * the default scheduler): an event hand-off against {@code CompletableFuture}, a bounded
 * queue against {@code ArrayBlockingQueue}, and a contended semaphore against a fair
 * {@code Semaphore}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
@State(Scope.Benchmark)
public class PrimitivesBenchmark {

	@Param({ "green", "juc" })
	public String primitives = "green";

	@Param({ "1", "4" })
	public int threads = 1;

	/**
	 * Each of {@link Driver#BATCH} values is sent by the driver and awaited by a partner.
	 */
	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int eventHandOff(Driver.HubModes driver) throws Exception {
		return driver.run(() -> {
			boolean green = "green".equals(this.primitives);
			List<GreenEvent<Integer>> events = new ArrayList<>(Driver.BATCH);
			List<CompletableFuture<Integer>> futures = new ArrayList<>(Driver.BATCH);
			for (int i = 0; i < Driver.BATCH; i++) {
				events.add(new GreenEvent<>("bench"));
				futures.add(new CompletableFuture<>());
			}
			GreenThread<Integer> receiver = Green.spawn(() -> {
				int sum = 0;
				for (int i = 0; i < Driver.BATCH; i++) {
					sum += green ? events.get(i).await() : futures.get(i).join();
				}
				return sum;
			});
			for (int i = 0; i < Driver.BATCH; i++) {
				if (green) {
					events.get(i).send(i);
				}
				else {
					futures.get(i).complete(i);
				}
				Green.sleep(java.time.Duration.ZERO);
			}
			return receiver.join();
		});
	}

	/**
	 * {@code threads} producers put {@link Driver#BATCH} items in all into a queue of
	 * 128; one consumer takes them.
	 */
	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int queueThroughput(Driver.HubModes driver) throws Exception {
		return driver.run(() -> {
			int each = Driver.BATCH / this.threads;
			GreenQueue<Integer> green = GreenQueue.bounded("bench", 128);
			BlockingQueue<Integer> juc = new ArrayBlockingQueue<>(128);
			boolean useGreen = "green".equals(this.primitives);
			List<GreenThread<Void>> producers = new ArrayList<>();
			for (int p = 0; p < this.threads; p++) {
				producers.add(Green.spawn(() -> {
					for (int i = 0; i < each; i++) {
						if (useGreen) {
							green.put(i);
						}
						else {
							juc.put(i);
						}
					}
					return null;
				}));
			}
			int sum = 0;
			for (int i = 0; i < each * this.threads; i++) {
				sum += useGreen ? green.take() : juc.take();
			}
			for (GreenThread<Void> producer : producers) {
				producer.join();
			}
			return sum;
		});
	}

	/**
	 * {@code threads} green threads acquire and release a semaphore of 1 permit,
	 * {@link Driver#BATCH} times in all.
	 */
	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int semaphoreContention(Driver.HubModes driver) throws Exception {
		return driver.run(() -> {
			int each = Driver.BATCH / this.threads;
			GreenSemaphore green = new GreenSemaphore("bench", 1);
			Semaphore juc = new Semaphore(1, true);
			boolean useGreen = "green".equals(this.primitives);
			List<GreenThread<Integer>> workers = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				workers.add(Green.spawn(() -> {
					for (int i = 0; i < each; i++) {
						if (useGreen) {
							green.acquire();
							Green.sleep(java.time.Duration.ZERO);
							green.release();
						}
						else {
							juc.acquire();
							Green.sleep(java.time.Duration.ZERO);
							juc.release();
						}
					}
					return each;
				}));
			}
			int done = 0;
			for (GreenThread<Integer> worker : workers) {
				done += worker.join();
			}
			return done;
		});
	}

}
