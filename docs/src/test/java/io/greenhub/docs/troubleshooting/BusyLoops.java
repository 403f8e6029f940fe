package io.greenhub.docs.troubleshooting;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.Green;

/**
 * The troubleshooting guide's computations: one that holds its hub's loop, and one that a kill or
 * a timeout can end.
 */
final class BusyLoops {

	private BusyLoops() {
	}

	static long spinUntil(AtomicBoolean stop) {
		long spins = 0;
		while (!stop.get()) { // computes without parking: every connection of its hub waits
			spins++;
		}
		return spins;
	}

	static long countForever() {
		long n = 0;
		while (true) {
			if (++n % 100_000 == 0) {
				Green.sleep(Duration.ZERO); // a green wait: a kill or an expired timeout is thrown here
			}
		}
	}

	static long countForAtMost(Duration limit) {
		return Green.withTimeout(limit, BusyLoops::countForever);
	}

}
