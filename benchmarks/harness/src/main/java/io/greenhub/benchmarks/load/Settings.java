package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard the harness measures.
 * @param rounds how many times every peer is measured, peers alternating within each round
 * @param warmUp how long each of the three warm-up loads runs
 * @param measure how long each closed-model and S1/S6 open-model measurement runs
 * @param s2Measure how long each S2 measurement runs
 * @param s2Connections the S2 connection counts
 * @param densityRequests how many requests S5 parks in each peer
 * @param millionThreads how many green threads the plain-Java density check parks
 */
record Settings(int rounds, Duration warmUp, Duration measure, Duration s2Measure, List<Integer> s2Connections,
		int densityRequests, int millionThreads) {

	/**
	 * The full run: about 20 minutes on two cores. A Spring application needs tens of seconds of
	 * load before its JIT-compiled code settles, hence the long warm-up.
	 */
	static Settings full() {
		return new Settings(2, Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofSeconds(8), List.of(1000, 5000),
				4000, 1_000_000);
	}

	/** The quick run, for development: one round, short measurements, S2 at 5,000 connections only; under 5 minutes. */
	static Settings quick() {
		return new Settings(1, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(3), List.of(5000), 2000,
				1_000_000);
	}

	/** The smoke test's run: a few seconds. */
	static Settings smoke() {
		return new Settings(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(20), 20, 10_000);
	}

}
