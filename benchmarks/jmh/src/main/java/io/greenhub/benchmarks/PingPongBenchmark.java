package io.greenhub.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A park/unpark round trip between two threads: the driver unparks its partner and parks;
 * the partner unparks the driver and parks. On one loop-mode hub both green threads share
 * a carrier; in pool mode they are virtual threads of the default scheduler; the platform
 * driver pairs two platform threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
public class PingPongBenchmark {

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int roundTrip(Driver.Any driver) throws Exception {
		return driver.run(() -> {
			Rally rally = new Rally();
			if (driver.isPlatform()) {
				Thread partner = Thread.ofPlatform().start(rally::returnBalls);
				int rounds = rally.serve(Driver.BATCH);
				partner.join();
				return rounds;
			}
			return greenRally(rally);
		});
	}

	@Benchmark
	@OperationsPerInvocation(Driver.BATCH)
	public int roundTripObserved(Driver.Observed driver) throws Exception {
		return driver.run(PingPongBenchmark::greenRally);
	}

	private static int greenRally() {
		return greenRally(new Rally());
	}

	private static int greenRally(Rally rally) {
		GreenThread<@Nullable Void> partner = Green.spawn(rally::returnBalls);
		int rounds = rally.serve(Driver.BATCH);
		partner.join();
		return rounds;
	}

	/**
	 * Two threads taking turns by a volatile field, each parking until it is its turn.
	 */
	static final class Rally {

		private static final int SERVER = 0;

		private static final int RECEIVER = 1;

		private static final int OVER = 2;

		// Written by both threads in turn; read by both.
		private volatile int turn = SERVER;

		// Each written once by its own thread before the rally; read by the other.
		private volatile @Nullable Thread server;

		private volatile @Nullable Thread receiver;

		int serve(int rounds) {
			this.server = Thread.currentThread();
			while (this.receiver == null) {
				LockSupport.park(this);
			}
			for (int i = 0; i < rounds; i++) {
				this.turn = RECEIVER;
				LockSupport.unpark(this.receiver);
				while (this.turn != SERVER) {
					LockSupport.park(this);
				}
			}
			this.turn = OVER;
			LockSupport.unpark(this.receiver);
			return rounds;
		}

		void returnBalls() {
			this.receiver = Thread.currentThread();
			LockSupport.unpark(this.server);
			for (;;) {
				int now = this.turn;
				if (now == OVER) {
					return;
				}
				if (now == RECEIVER) {
					this.turn = SERVER;
					LockSupport.unpark(this.server);
				}
				else {
					LockSupport.park(this);
				}
			}
		}

	}

}
