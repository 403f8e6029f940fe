package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard the harness measures.
 * @param rounds how many times every peer is measured, peers alternating within each round
 * @param warmUp how long each of the two warm-up loads runs
 * @param measure how long each closed-model and S1/S6 open-model measurement runs
 * @param s2Measure how long each S2 measurement runs
 * @param s2Connections the S2 connection counts
 * @param densityRequests how many requests S5 parks in each peer
 * @param millionThreads how many green threads the plain-Java density check parks
 */
record Settings(int rounds, Duration warmUp, Duration measure, Duration s2Measure, List<Integer> s2Connections,
		int densityRequests, int millionThreads) {

	/** The full run: about 20 minutes. */
	static Settings full() {
		return new Settings(2, Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10), List.of(1000, 5000),
				4000, 1_000_000);
	}

	/** The quick run: under 5 minutes, one round. */
	static Settings quick() {
		return new Settings(1, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), List.of(1000, 5000),
				2000, 1_000_000);
	}

	/** The smoke test's run: a few seconds. */
	static Settings smoke() {
		return new Settings(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(20), 20, 10_000);
	}

}
