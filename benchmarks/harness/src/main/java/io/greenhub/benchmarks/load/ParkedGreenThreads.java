package io.greenhub.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.greenhub.primitives.GreenEvent;

/**
 * S5 without HTTP: parks green threads on one {@link GreenEvent} of a one-hub loop-mode
 * group and prints the heap used after a GC ({@code MemoryMXBean}), as one line
 * {@code parked=<n> heapBytes=<bytes> baseBytes=<bytes before>}. The harness runs it with
 * {@code -Xmx1g}; an {@link OutOfMemoryError} prints {@code oom after=<n>}.
 */
public final class ParkedGreenThreads {

	private ParkedGreenThreads() {
	}

	/**
	 * Runs the check.
	 * @param args how many green threads to park
	 */
	public static void main(String[] args) {
		int count = Integer.parseInt(args[0]);
		int step = Math.max(1, count / 10);
		// Incremented by each green thread before it parks, read by main.
		AtomicInteger started = new AtomicInteger();
		GreenEvent<Boolean> release = new GreenEvent<>("release");
		GreenHubGroup group = GreenHubGroup.builder()
			.name("parked")
			.hubs(1)
			.mode(HubMode.LOOP)
			.blockingDetectionThreshold(Duration.ofSeconds(10))
			.build();
		try {
			long base = heapAfterGc();
			System.out.println("parked=0 heapBytes=" + base + " baseBytes=" + base);
			for (int spawned = 0; spawned < count;) {
				for (int i = 0; i < step && spawned < count; i++, spawned++) {
					group.spawn(() -> {
						started.incrementAndGet();
						return release.await();
					});
				}
				long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
				while (started.get() < spawned && System.nanoTime() < deadline) {
					Jcmd.pause(Duration.ofMillis(20));
				}
				System.out.println("parked=" + started.get() + " heapBytes=" + heapAfterGc() + " baseBytes=" + base);
			}
		}
		catch (OutOfMemoryError ex) {
			// Nothing can be trusted after this: say how far it got and stop at once.
			System.out.println("oom after=" + started.get());
			System.out.flush();
			Runtime.getRuntime().halt(3);
		}
		release.send(true);
		group.close(Duration.ofSeconds(10));
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
