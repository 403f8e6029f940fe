package io.greenhub.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The report's charts: throughput and p99 latency per peer (medians), S2's percentiles,
 * and every peer's warm-up curve.
 */
final class ReportCharts {

	private ReportCharts() {
	}

	/**
	 * Draws the charts that have data.
	 * @param results the results
	 * @param peers the peers, in the report's order
	 * @param settings the run's settings
	 * @param dir where the PNG files go
	 * @return the Markdown lines that show them
	 */
	static List<String> write(Results results, List<String> peers, Settings settings, Path dir) {
		List<String> md = new ArrayList<>();
		List<Metric> throughput = List.of(Metric.S1_THROUGHPUT, Metric.S3_THROUGHPUT, Metric.S4_THROUGHPUT);
		Charts.bars("Throughput, closed model (median of the rounds)", "req/s",
				List.of("S1 hello", "S3 fan-out", "S4 1 ms downstream"), peers, medians(results, throughput, peers),
				dir.resolve("throughput.png"));
		md.add("![Throughput per peer](throughput.png)");
		Metric[] s2 = Metric.s2(settings.s2Connections().getLast());
		List<Metric> p99 = List.of(Metric.S1_P99, s2[2], Metric.S6_P99_QUIET, Metric.S6_P99_NOISY);
		if (p99.stream().anyMatch((metric) -> results.metrics().contains(metric))) {
			List<String> groups = List.of("S1 at 70% of B1",
					String.format("S2 %,d connections", settings.s2Connections().getLast()), "S6 light alone",
					"S6 light, noisy");
			Charts.bars("p99 latency, open model", "ms", groups, peers, medians(results, p99, peers),
					dir.resolve("latency-p99.png"));
			md.add("![p99 latency per peer](latency-p99.png)");
		}
		if (results.metrics().contains(s2[2])) {
			double[][] byPeer = transpose(medians(results, List.of(s2[1], s2[2], s2[3]), peers));
			Charts.bars(s2[1].scenario() + ": latency percentiles", "ms", peers, List.of("p50", "p99", "p99.9"), byPeer,
					dir.resolve("latency-s2.png"));
			md.add("![S2 latency percentiles per peer](latency-s2.png)");
		}
		List<String> warmed = peers.stream().filter(results.warmUps()::containsKey).toList();
		List<List<Double>> curves = warmed.stream()
			.map((peer) -> Objects.requireNonNull(results.warmUps().get(peer)).windows())
			.toList();
		Charts.lines("Warm-up: S1 throughput per window from the first request", "req/s", "s",
				settings.window().toMillis() / 1000.0, warmed, curves, dir.resolve("warmup.png"));
		md.add("![Warm-up curve per peer](warmup.png)");
		return md;
	}

	private static double[][] medians(Results results, List<Metric> metrics, List<String> peers) {
		double[][] values = new double[metrics.size()][peers.size()];
		for (int m = 0; m < metrics.size(); m++) {
			for (int p = 0; p < peers.size(); p++) {
				values[m][p] = results.median(metrics.get(m), peers.get(p)).orElse(Double.NaN);
			}
		}
		return values;
	}

	private static double[][] transpose(double[][] values) {
		double[][] out = new double[values[0].length][values.length];
		for (int i = 0; i < values.length; i++) {
			for (int j = 0; j < values[i].length; j++) {
				out[j][i] = values[i][j];
			}
		}
		return out;
	}

}
