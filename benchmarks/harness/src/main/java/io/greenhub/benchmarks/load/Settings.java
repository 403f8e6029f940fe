package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.List;

/**
 * How long and how hard the harness measures.
 *
 * @param rounds how many times every peer is measured in the throughput scenarios, peers
 * alternating within each round and the order rotated from one round to the next
 * @param window how long each warm-up window of S1 load runs
 * @param steadyWindows how many consecutive warm-up windows must agree for a peer to be
 * steady
 * @param tolerance how far those windows may spread, as a fraction of the highest
 * ({@code 0.03}: 3%)
 * @param warmUpCap the longest a peer is warmed; a peer not steady by then is reported so
 * @param otherWarmUp how long {@code /call?ms=1} and {@code /fanout?ms=1} are served
 * after S1 is steady (zero: not at all)
 * @param measure how long each throughput measurement of a round (S1, S3, S4) runs
 * @param latencyMeasure how long each open-model measurement of the latency pass (S1
 * latency, S6) runs
 * @param s2Measure how long each S2 measurement runs
 * @param s2Connections the S2 connection counts
 * @param densityRequests how many requests S5 parks in each peer
 * @param millionThreads how many green threads the plain-Java density check parks
 * @param profileWindow how long the CPU profile of a peer in one scenario runs
 */
record Settings(int rounds, Duration window, int steadyWindows, double tolerance, Duration warmUpCap,
		Duration otherWarmUp, Duration measure, Duration latencyMeasure, Duration s2Measure,
		List<Integer> s2Connections, int densityRequests, int millionThreads, Duration profileWindow) {

	/**
	 * The full run: about 25 minutes of measurement with the seven peers, 28 with one
	 * variant, a third of it warming the peers until they are steady.
	 */
	static Settings full() {
		return new Settings(3, Duration.ofSeconds(5), 3, 0.03, Duration.ofSeconds(120), Duration.ofSeconds(6),
				Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofSeconds(8), List.of(5000), 4000, 1_000_000,
				Duration.ofSeconds(10));
	}

	/**
	 * The quick run, for development: short windows, a 12 s warm-up cap, two rounds; a
	 * few minutes.
	 */
	static Settings quick() {
		return new Settings(2, Duration.ofSeconds(2), 2, 0.05, Duration.ofSeconds(12), Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), List.of(5000), 2000, 1_000_000,
				Duration.ofSeconds(3));
	}

	/** The smoke test's run: a few seconds per peer. */
	static Settings smoke() {
		return new Settings(2, Duration.ofSeconds(1), 2, 0.5, Duration.ofSeconds(3), Duration.ZERO,
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), List.of(20), 20, 10_000,
				Duration.ofSeconds(1));
	}

	Settings withRounds(int rounds) {
		return new Settings(rounds, this.window, this.steadyWindows, this.tolerance, this.warmUpCap, this.otherWarmUp,
				this.measure, this.latencyMeasure, this.s2Measure, this.s2Connections, this.densityRequests,
				this.millionThreads, this.profileWindow);
	}

	Settings withSteadiness(Duration window, int steadyWindows, double tolerance, Duration warmUpCap) {
		if (steadyWindows < 2 || tolerance <= 0 || window.isZero()
				|| warmUpCap.compareTo(window.multipliedBy(steadyWindows)) < 0) {
			throw new IllegalArgumentException(
					"--steady-windows must be 2 or more, --tolerance above 0 and --warm-up-cap at least "
							+ "--steady-windows windows of --window; got " + steadyWindows + ", " + tolerance + ", "
							+ warmUpCap + ", " + window);
		}
		return new Settings(this.rounds, window, steadyWindows, tolerance, warmUpCap, this.otherWarmUp, this.measure,
				this.latencyMeasure, this.s2Measure, this.s2Connections, this.densityRequests, this.millionThreads,
				this.profileWindow);
	}

	Settings withMeasure(Duration measure) {
		return new Settings(this.rounds, this.window, this.steadyWindows, this.tolerance, this.warmUpCap,
				this.otherWarmUp, measure, this.latencyMeasure, this.s2Measure, this.s2Connections,
				this.densityRequests, this.millionThreads, this.profileWindow);
	}

}
