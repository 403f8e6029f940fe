package io.greenhub.benchmarks.load;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule that says when a peer is steady, and the warm-up figure read from its curve.
 */
class WarmUpTests {

	@Test
	void aPeerIsSteadyWhenItsLastWindowsAgreeWithinTheTolerance() {
		assertThat(WarmUp.isSteady(List.of(10.0, 20.0, 30.0, 30.5, 30.2), 3, 0.03)).isTrue();
		assertThat(WarmUp.isSteady(List.of(10.0, 20.0, 29.0, 30.5, 30.2), 3, 0.03)).isFalse();
		assertThat(WarmUp.isSteady(List.of(30.0, 30.0), 3, 0.03)).isFalse();
	}

	@Test
	void theWarmUpIsTheEndOfTheFirstWindowAtNinetyPercentOfTheSteadyThroughput() {
		WarmUp warmUp = WarmUp.of(List.of(2.1, 5.6, 11.4, 26.2, 36.5, 40.3, 40.0, 39.8), 8, 3, 0.03, 4.2);

		assertThat(warmUp.steady()).isTrue();
		assertThat(warmUp.steadyThroughput()).isEqualTo((40.3 + 40.0 + 39.8) / 3);
		assertThat(warmUp.secondsTo90()).isEqualTo(5 * 8);
		assertThat(warmUp.seconds()).isEqualTo(64);
		assertThat(warmUp.describe()).isEqualTo("40 s");
	}

	@Test
	void aPeerStillRisingAtTheCapIsReportedAsNotSteady() {
		WarmUp warmUp = WarmUp.of(List.of(1.7, 3.9, 5.5, 8.7, 11.6, 13.0, 15.5, 18.0), 5, 3, 0.03, 4.0);

		assertThat(warmUp.steady()).isFalse();
		assertThat(warmUp.steadyThroughput()).isEqualTo((13.0 + 15.5 + 18.0) / 3);
		assertThat(warmUp.describe()).isEqualTo("35 s (not steady by 40 s)");
	}

	@Test
	void roundsRotateTheOrderOfThePeers() {
		List<String> peers = List.of("B1", "B2", "G-loop");

		assertThat(Harness.rotated(peers, 0)).containsExactly("B1", "B2", "G-loop");
		assertThat(Harness.rotated(peers, 1)).containsExactly("B2", "G-loop", "B1");
		assertThat(Harness.rotated(peers, 2)).containsExactly("G-loop", "B1", "B2");
		assertThat(Harness.rotated(peers, 3)).containsExactly("B1", "B2", "G-loop");
	}

	@Test
	void ratiosPairTheRoundsAndTheCellsShowTheMedianWithItsSpread() {
		Results results = new Results();
		for (int round = 1; round <= 3; round++) {
			results.add(Metric.S1_THROUGHPUT, "B1", round, 100.0 * round);
			results.add(Metric.S1_THROUGHPUT, "G-loop", round, 110.0 * round);
		}

		assertThat(results.ratios(Metric.S1_THROUGHPUT, "G-loop", "B1")).hasSize(3)
			.allMatch((ratio) -> Math.abs(ratio - 1.1) < 1e-9);
		assertThat(Report.cell(results.values(Metric.S1_THROUGHPUT, "B1"), "%,.0f")).isEqualTo("200 (100–300)");
		assertThat(Report.cell(List.of(5.0), "%.1f")).isEqualTo("5.0");
	}

	@Test
	void collapsedStacksGiveSelfAndInclusiveSamples() {
		Profiler.Summary summary = Profiler.Summary.of(List.of("a;b;c 5", "a;b 3", "a;d;d 2",
				"a;e$$Lambda.0x000000007d29ed40.run 1", "a;e$$Lambda.0x000000007d2c8fe0.run 1"));

		assertThat(summary.samples()).isEqualTo(12);
		assertThat(Profiler.Summary.top(summary.self(), 2)).containsExactly(Map.entry("c", 5L), Map.entry("b", 3L));
		assertThat(summary.self()).containsEntry("e$$Lambda.run", 2L);
		assertThat(summary.inclusive()).containsEntry("a", 12L).containsEntry("b", 8L).containsEntry("d", 2L);
	}

}
