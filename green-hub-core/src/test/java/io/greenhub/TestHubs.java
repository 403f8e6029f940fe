package io.greenhub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Hub groups for tests: two hubs, a short grace period, a name that says the mode.
 */
public final class TestHubs {

	/** The bound on every wait in the tests: far above what any of them needs. */
	public static final Duration WAIT = Duration.ofSeconds(10);

	private TestHubs() {
	}

	public static GreenHubGroup open(HubMode mode) {
		return GreenHubGroup.builder()
			.name("test-" + mode.name().toLowerCase())
			.hubs(2)
			.mode(mode)
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.build();
	}

	/**
	 * Completes {@code started}, then holds the carrier for 500 ms without parking.
	 */
	/**
	 * Computes without parking from when it completes {@code started} until {@code stop}
	 * is done, 20 s at most: for a test that must see the stall whatever the machine's
	 * load.
	 */
	public static long computeWithoutParkingUntil(CompletableFuture<Void> started, CompletableFuture<Void> stop) {
		started.complete(null);
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		long spins = 0;
		while (!stop.isDone() && System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

	public static long computeWithoutParking(CompletableFuture<Void> started) {
		started.complete(null);
		long end = System.nanoTime() + Duration.ofMillis(500).toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

}
