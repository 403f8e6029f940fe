package io.greenhub.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The project's targets (issue 13's table, with density and the noisy neighbour from the
 * design), each judged met or not from the run's medians, for every green-hub peer of the
 * run: G-loop, G-pool and the variants. A ratio's spread is the min-max of the same ratio
 * round by round.
 */
final class Targets {

	private final Results results;

	private final List<String> peers;

	private final int s2Connections;

	private final int parkedThreads;

	Targets(Results results, List<String> peers, int s2Connections, int parkedThreads) {
		this.results = results;
		this.peers = peers;
		this.s2Connections = s2Connections;
		this.parkedThreads = parkedThreads;
	}

	List<String> table() {
		List<String> lines = new ArrayList<>();
		lines.add("| target | peer | measured (median, min-max of the rounds) | |");
		lines.add("|---|---|---|---|");
		for (String peer : this.peers.stream().filter((name) -> name.startsWith("G-")).toList()) {
			lines.add(s1(peer));
		}
		ratio(lines, "S1 with the starter on the class path >= 0.98x B1", Metric.S1_THROUGHPUT, "B1+starter", "B1",
				0.98, true);
		Metric[] s2 = Metric.s2(this.s2Connections);
		String s2Title = String.format("S2 %,d connections: ", this.s2Connections);
		for (String peer : green()) {
			OptionalDouble errors = this.results.median(s2[0], peer);
			if (errors.isPresent()) {
				lines.add(
						row(s2Title + "0 errors", peer, s2[0].format(errors.getAsDouble()), errors.getAsDouble() == 0));
			}
		}
		green().forEach((peer) -> ratio(lines, s2Title + "p99 within 5% of B0's", s2[2], peer, "B0", 1.05, false));
		green().forEach((peer) -> ratio(lines, s2Title + "CPU per request <= B1's", s2[4], peer, "B1", 1, false));
		green().forEach((peer) -> ratio(lines, "S3 fan-out >= B1", Metric.S3_THROUGHPUT, peer, "B1", 1, true));
		green().forEach(
				(peer) -> ratio(lines, "S4 1 ms downstream >= 1.18x B2", Metric.S4_THROUGHPUT, peer, "B2", 1.18, true));
		green().forEach((peer) -> ratio(lines, "S4 context switches per request <= 1/3 of B2's", Metric.S4_SWITCHES,
				peer, "B2", 1.0 / 3, false));
		for (String peer : green()) {
			WarmUp own = this.results.warmUps().get(peer);
			WarmUp b2 = this.results.warmUps().get("B2");
			if (own != null && b2 != null) {
				lines.add(row("warm-up: 90% of steady throughput no later than B2", peer,
						String.format("%s against B2's %s", own.describe(), b2.describe()),
						own.steady() && own.secondsTo90() <= b2.secondsTo90()));
			}
		}
		OptionalDouble million = this.results.median(Metric.S5_MILLION, Metric.PLAIN_JAVA);
		if (million.isPresent()) {
			double parked = this.results.median(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA).orElse(0);
			lines.add(row(String.format("S5 %,d parked green threads in <= 1 GiB of heap", this.parkedThreads),
					"plain Java, loop mode", String.format("%,.0f threads, %,.0f MiB", parked, million.getAsDouble()),
					parked >= this.parkedThreads && million.getAsDouble() <= 1024));
		}
		for (String peer : green()) {
			OptionalDouble quiet = this.results.median(Metric.S6_P99_QUIET, peer);
			OptionalDouble noisy = this.results.median(Metric.S6_P99_NOISY, peer);
			if (quiet.isPresent() && noisy.isPresent() && quiet.getAsDouble() > 0) {
				double ratio = noisy.getAsDouble() / quiet.getAsDouble();
				lines.add(row("S6 p99 of light requests with noisy ones <= 2x without", peer,
						String.format("%.2fx (%.2f → %.2f ms)", ratio, quiet.getAsDouble(), noisy.getAsDouble()),
						ratio <= 2));
			}
		}
		return lines;
	}

	private List<String> green() {
		return this.peers.stream().filter((name) -> name.startsWith("G-")).toList();
	}

	/** S1: at least 1.1x the better of B1 and B2, round by round and in medians. */
	private String s1(String peer) {
		String title = "S1 hello >= 1.1x the better of B1 and B2";
		OptionalDouble value = this.results.median(Metric.S1_THROUGHPUT, peer);
		OptionalDouble b1 = this.results.median(Metric.S1_THROUGHPUT, "B1");
		OptionalDouble b2 = this.results.median(Metric.S1_THROUGHPUT, "B2");
		if (value.isEmpty() || (b1.isEmpty() && b2.isEmpty())) {
			return "| " + title + " | " + peer + " | – | – |";
		}
		String better = (b1.orElse(0) >= b2.orElse(0)) ? "B1" : "B2";
		double ratio = value.getAsDouble() / Math.max(b1.orElse(0), b2.orElse(0));
		Map<Integer, Double> own = this.results.byRound(Metric.S1_THROUGHPUT, peer);
		List<Double> perRound = new ArrayList<>();
		own.forEach((round, v) -> {
			double best = Math.max(this.results.byRound(Metric.S1_THROUGHPUT, "B1").getOrDefault(round, 0.0),
					this.results.byRound(Metric.S1_THROUGHPUT, "B2").getOrDefault(round, 0.0));
			if (best > 0) {
				perRound.add(v / best);
			}
		});
		return row(title, peer, String.format("%.2fx %s", ratio, better) + Report.spread(perRound, "%.2f"),
				ratio >= 1.1);
	}

	private void ratio(List<String> lines, String title, Metric metric, String peer, String reference, double factor,
			boolean atLeast) {
		OptionalDouble value = this.results.median(metric, peer);
		OptionalDouble ref = this.results.median(metric, reference);
		if (value.isEmpty() || ref.isEmpty() || ref.getAsDouble() == 0) {
			return;
		}
		double ratio = value.getAsDouble() / ref.getAsDouble();
		String measured = String.format("%.2fx %s (%s against %s)", ratio, reference,
				metric.format(value.getAsDouble()), metric.format(ref.getAsDouble()))
				+ Report.spread(this.results.ratios(metric, peer, reference), "%.2f");
		lines.add(row(title, peer, measured, atLeast ? ratio >= factor : ratio <= factor));
	}

	private static String row(String title, String peer, String measured, boolean met) {
		return "| " + title + " | " + peer + " | " + measured + " | " + (met ? "met" : "**not met**") + " |";
	}

}
