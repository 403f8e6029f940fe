package io.greenhub.autoconfigure;

import java.time.Duration;

/**
 * Holds the calling thread's carrier by computing without parking, as a CPU-bound handler
 * does.
 */
public final class CarrierHog {

	private CarrierHog() {
	}

	/**
	 * Spins on {@link System#nanoTime()} for {@code time} without parking.
	 * @param time how long to compute
	 * @return the number of spins, so the loop cannot be optimised away
	 */
	public static long computeFor(Duration time) {
		long end = System.nanoTime() + time.toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

}
