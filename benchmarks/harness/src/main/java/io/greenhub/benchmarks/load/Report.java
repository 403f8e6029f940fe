package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;

/**
 * Writes {@code results.md} (medians, ratios, targets), {@code results.csv} (every value of every
 * round) and the PNG charts into one directory.
 */
final class Report {

	private static final List<String> GREEN = List.of("G-loop", "G-pool");

	private final Results results;

	private final List<String> peers;

	/** The S2 connection count that the targets and the percentile chart are about. */
	private final int s2Connections;

	/** How many green threads the plain-Java density check was asked to park. */
	private final int parkedThreads;

	Report(Results results, List<String> peers, int s2Connections, int parkedThreads) {
		this.parkedThreads = parkedThreads;
		this.results = results;
		this.peers = peers;
		this.s2Connections = s2Connections;
	}

	/**
	 * Writes the files.
	 * @param dir the directory
	 * @param header the lines that say how, where and when the run was made
	 */
	void write(Path dir, List<String> header) {
		try {
			Files.createDirectories(dir);
			List<String> md = new ArrayList<>(header);
			md.add("");
			md.add("Medians over the rounds; ratios are G's median over B1's or B2's.");
			md.add("");
			md.add("| scenario | metric | " + String.join(" | ", this.peers) + " | G-loop/B1 | G-loop/B2 | G-pool/B1 |");
			md.add("|---|---|" + "---:|".repeat(this.peers.size() + 3));
			for (Metric metric : this.results.metrics()) {
				if (this.peers.stream().allMatch((peer) -> this.results.values(metric, peer).isEmpty())) {
					continue;
				}
				StringBuilder row = new StringBuilder("| " + metric.scenario() + " | " + metric.label() + " |");
				for (String peer : this.peers) {
					OptionalDouble median = this.results.median(metric, peer);
					row.append(' ').append(median.isPresent() ? metric.format(median.getAsDouble()) : "–").append(" |");
				}
				row.append(' ').append(ratio(metric, "G-loop", "B1")).append(" | ").append(ratio(metric, "G-loop", "B2"))
					.append(" | ").append(ratio(metric, "G-pool", "B1")).append(" |");
				md.add(row.toString());
			}
			md.add("");
			md.addAll(targets());
			if (!this.results.notes().isEmpty()) {
				md.add("");
				md.add("Notes:");
				this.results.notes().forEach((note) -> md.add("- " + note));
			}
			Files.write(dir.resolve("results.md"), md);
			Files.write(dir.resolve("results.csv"), csv());
			charts(dir);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the report into " + dir, ex);
		}
	}

	private List<String> targets() {
		List<String> lines = new ArrayList<>();
		lines.add("| target | " + String.join(" | ", GREEN) + " |");
		lines.add("|---|---|---|");
		lines.add(target("S1 throughput >= 0.95x B1", Metric.S1_THROUGHPUT, "B1", 0.95, true));
		lines.add(target("S1 throughput >= 1.2x B2", Metric.S1_THROUGHPUT, "B2", 1.2, true));
		Metric[] s2 = Metric.s2(this.s2Connections);
		String s2Title = String.format("S2 %,d connections: ", this.s2Connections);
		lines.add(absolute(s2Title + "0 errors", s2[0], (v) -> v == 0));
		lines.add(absolute(s2Title + "p99 <= 110 ms", s2[2], (v) -> v <= 110));
		lines.add(target(s2Title + "CPU per request <= B1", s2[4], "B1", 1, false));
		lines.add(target("S3 throughput >= B1", Metric.S3_THROUGHPUT, "B1", 1, true));
		lines.add(target("S4 throughput >= 1.18x B2", Metric.S4_THROUGHPUT, "B2", 1.18, true));
		lines.add(target("S4 context switches per request <= 1/3 of B2's", Metric.S4_SWITCHES, "B2", 1.0 / 3, false));
		OptionalDouble million = this.results.median(Metric.S5_MILLION, Metric.PLAIN_JAVA);
		double parked = this.results.median(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA).orElse(0);
		String s5 = million.isPresent() ? cell(parked >= this.parkedThreads && million.getAsDouble() <= 1024,
				String.format("%,.0f threads, %,.0f MiB", parked, million.getAsDouble())) : "–";
		lines.add(String.format("| S5 %,d parked green threads in <= 1 GiB of heap (plain Java, loop mode) | ", this.parkedThreads) + s5 + " | |");
		StringBuilder s6 = new StringBuilder("| S6 p99 of light requests with noisy ones <= 2x without |");
		for (String peer : GREEN) {
			OptionalDouble quiet = this.results.median(Metric.S6_P99_QUIET, peer);
			OptionalDouble noisy = this.results.median(Metric.S6_P99_NOISY, peer);
			s6.append(' ').append((quiet.isPresent() && noisy.isPresent())
					? cell(noisy.getAsDouble() <= 2 * quiet.getAsDouble(), String.format("%.2fx", noisy.getAsDouble() / quiet.getAsDouble()))
					: "–").append(" |");
		}
		lines.add(s6.toString());
		return lines;
	}

	private String target(String title, Metric metric, String reference, double factor, boolean atLeast) {
		StringBuilder row = new StringBuilder("| " + title + " |");
		for (String peer : GREEN) {
			OptionalDouble value = this.results.median(metric, peer);
			OptionalDouble ref = this.results.median(metric, reference);
			if (value.isEmpty() || ref.isEmpty() || ref.getAsDouble() == 0) {
				row.append(" – |");
				continue;
			}
			double ratio = value.getAsDouble() / ref.getAsDouble();
			row.append(' ').append(cell(atLeast ? ratio >= factor : ratio <= factor, String.format("%.2fx %s", ratio, reference))).append(" |");
		}
		return row.toString();
	}

	private String absolute(String title, Metric metric, DoublePredicate met) {
		StringBuilder row = new StringBuilder("| " + title + " |");
		for (String peer : GREEN) {
			OptionalDouble value = this.results.median(metric, peer);
			row.append(' ').append(value.isPresent() ? cell(met.test(value.getAsDouble()), metric.format(value.getAsDouble())) : "–").append(" |");
		}
		return row.toString();
	}

	private static String cell(boolean met, String value) {
		return value + (met ? ": met" : ": **not met**");
	}

	private String ratio(Metric metric, String peer, String reference) {
		OptionalDouble value = this.results.median(metric, peer);
		OptionalDouble ref = this.results.median(metric, reference);
		return (value.isPresent() && ref.isPresent() && ref.getAsDouble() != 0)
				? String.format("%.2f", value.getAsDouble() / ref.getAsDouble()) : "–";
	}

	private List<String> csv() {
		List<String> lines = new ArrayList<>();
		lines.add("scenario,metric,unit,peer,round,value");
		for (Metric metric : this.results.metrics()) {
			for (String peer : this.peers) {
				List<Double> values = this.results.values(metric, peer);
				for (int round = 0; round < values.size(); round++) {
					lines.add(String.join(",", quote(metric.scenario()), quote(metric.name()), metric.unit(), peer,
							Integer.toString(round + 1), Double.toString(values.get(round))));
				}
			}
		}
		return lines;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private void charts(Path dir) {
		List<Metric> throughput = List.of(Metric.S1_THROUGHPUT, Metric.S3_THROUGHPUT, Metric.S4_THROUGHPUT);
		Charts.bars("Throughput, closed model (median)", "req/s", List.of("S1 hello", "S3 fan-out", "S4 1 ms downstream"),
				this.peers, medians(throughput), dir.resolve("throughput.png"));
		Metric[] s2 = Metric.s2(this.s2Connections);
		List<Metric> p99 = List.of(Metric.S1_P99, s2[2], Metric.S6_P99_QUIET, Metric.S6_P99_NOISY);
		List<String> groups = List.of("S1 at 70% of B1", String.format("S2 %,d connections", this.s2Connections),
				"S6 light alone", "S6 light, noisy");
		Charts.bars("p99 latency, open model (median)", "ms", groups, this.peers, medians(p99), dir.resolve("latency-p99.png"));
		List<Metric> percentiles = List.of(s2[1], s2[2], s2[3]);
		double[][] byPeer = transpose(medians(percentiles));
		Charts.bars(s2[1].scenario() + ": latency percentiles (median)", "ms", this.peers, List.of("p50", "p99", "p99.9"),
				byPeer, dir.resolve("latency-s2.png"));
	}

	private double[][] medians(List<Metric> metrics) {
		double[][] values = new double[metrics.size()][this.peers.size()];
		for (int m = 0; m < metrics.size(); m++) {
			for (int p = 0; p < this.peers.size(); p++) {
				values[m][p] = this.results.median(metrics.get(m), this.peers.get(p)).orElse(Double.NaN);
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
