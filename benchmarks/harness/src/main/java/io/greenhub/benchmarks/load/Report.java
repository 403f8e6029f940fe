package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes {@code results.md} (warm-up, medians with their min-max spread, ratios,
 * targets), {@code results.csv} (every value of every round with its median, min and
 * max), {@code warmup.csv} (every warm-up window) and the PNG charts into one directory.
 */
final class Report {

	private final Results results;

	private final List<String> peers;

	/**
	 * The ratios to show: pairs of peer names, peer and reference, both measured in this
	 * run.
	 */
	private final List<List<String>> ratios;

	private final boolean targets;

	private final Settings settings;

	Report(Results results, List<String> peers, List<List<String>> ratios, boolean targets, Settings settings) {
		this.results = results;
		this.peers = peers;
		this.ratios = ratios.stream().filter((pair) -> peers.containsAll(pair)).toList();
		this.targets = targets;
		this.settings = settings;
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
			md.addAll(warmUps());
			md.add("");
			md.add("## Steady state");
			md.add("");
			md.add(String
				.format("Each cell: the median of the rounds, then (min-max) when there were several; %d round(s) of the "
						+ "closed-model scenarios, the open-model and density ones once per peer after the rounds. A ratio is of the "
						+ "two medians; its spread is the min-max of the same ratio round by round (both peers measured in the same "
						+ "round, minutes apart).", this.settings.rounds()));
			md.add("");
			StringBuilder head = new StringBuilder("| scenario | metric | " + String.join(" | ", this.peers) + " |");
			this.ratios
				.forEach((pair) -> head.append(' ').append(pair.get(0)).append(" / ").append(pair.get(1)).append(" |"));
			md.add(head.toString());
			md.add("|---|---|" + "---:|".repeat(this.peers.size() + this.ratios.size()));
			for (Metric metric : this.results.metrics()) {
				if (this.peers.stream().allMatch((peer) -> this.results.values(metric, peer).isEmpty())) {
					continue;
				}
				StringBuilder row = new StringBuilder("| " + metric.scenario() + " | " + metric.label() + " |");
				for (String peer : this.peers) {
					List<Double> values = this.results.values(metric, peer);
					row.append(' ').append(values.isEmpty() ? "–" : cell(values, metric.format())).append(" |");
				}
				for (List<String> pair : this.ratios) {
					row.append(' ').append(ratio(metric, pair.get(0), pair.get(1))).append(" |");
				}
				md.add(row.toString());
			}
			if (this.targets) {
				md.add("");
				md.add("## Targets");
				md.add("");
				int s2 = this.settings.s2Connections().getLast();
				md.addAll(new Targets(this.results, this.peers, s2, this.settings.millionThreads()).table());
			}
			if (!this.results.notes().isEmpty()) {
				md.add("");
				md.add("Notes:");
				this.results.notes().forEach((note) -> md.add("- " + note));
			}
			md.add("");
			md.addAll(ReportCharts.write(this.results, this.peers, this.settings, dir));
			Files.write(dir.resolve("results.md"), md);
			Files.write(dir.resolve("results.csv"), csv());
			Files.write(dir.resolve("warmup.csv"), warmUpCsv());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the report into " + dir, ex);
		}
	}

	private List<String> warmUps() {
		List<String> lines = new ArrayList<>();
		lines.add("## Warm-up");
		lines.add("");
		lines.add(String
			.format("From its first answer, each fresh peer served S1 (`/hello`, 64 connections) in windows of %d s until "
					+ "its last %d windows agreed within %.0f%% of the highest (steady), or for at most %d s. Its steady throughput "
					+ "is the mean of those windows (of the last ones if it was not steady by the cap); its warm-up is the end of "
					+ "the first window at 90%% of that, counted from the first request.",
					this.settings.window().toSeconds(), this.settings.steadyWindows(), 100 * this.settings.tolerance(),
					this.settings.warmUpCap().toSeconds()));
		lines.add("");
		lines.add(
				"| peer | start to first answer | steady? | steady throughput (req/s) | warm-up: 90% of steady after | windows (req/s) |");
		lines.add("|---|---:|---|---:|---:|---|");
		for (String peer : this.peers) {
			WarmUp warmUp = this.results.warmUps().get(peer);
			if (warmUp == null) {
				continue;
			}
			String windows = String.join(" ", warmUp.windows().stream().map((w) -> String.format("%,.0f", w)).toList());
			lines.add(String.format("| %s | %.1f s | %s | %,.0f | %.0f s | %s |", peer, warmUp.readySeconds(),
					warmUp.steady() ? String.format("yes, after %.0f s", warmUp.seconds())
							: String.format("**not steady by %.0f s**", warmUp.seconds()),
					warmUp.steadyThroughput(), warmUp.secondsTo90(), windows));
		}
		return lines;
	}

	/**
	 * A median and, for several values, their min-max.
	 * @param values the values
	 * @param format how to print each
	 * @return for example {@code 42,100 (40,950-43,020)}
	 */
	static String cell(List<Double> values, String format) {
		return String.format(format, Results.median(values).orElseThrow()) + spread(values, format);
	}

	/**
	 * The min-max of values, for several of them.
	 * @param values the values
	 * @param format how to print each
	 * @return {@code " (min-max)"}, or nothing for fewer than two values
	 */
	static String spread(List<Double> values, String format) {
		if (values.size() < 2) {
			return "";
		}
		double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return " (" + String.format(format, min) + "–" + String.format(format, max) + ")";
	}

	private String ratio(Metric metric, String peer, String reference) {
		OptionalDouble value = this.results.median(metric, peer);
		OptionalDouble ref = this.results.median(metric, reference);
		return (value.isPresent() && ref.isPresent() && ref.getAsDouble() != 0)
				? String.format("%.2f", value.getAsDouble() / ref.getAsDouble())
						+ spread(this.results.ratios(metric, peer, reference), "%.2f")
				: "–";
	}

	private List<String> csv() {
		List<String> lines = new ArrayList<>();
		lines.add("scenario,metric,unit,peer,round,value");
		for (Metric metric : this.results.metrics()) {
			List<String> names = new ArrayList<>(this.peers);
			names.add(Metric.PLAIN_JAVA);
			for (String peer : names) {
				Map<Integer, Double> byRound = this.results.byRound(metric, peer);
				byRound.forEach((round, value) -> lines.add(line(metric, peer, Integer.toString(round), value)));
				summary(lines, metric, peer, List.copyOf(byRound.values()));
			}
			for (List<String> pair : this.ratios) {
				summary(lines, metric, pair.get(0) + " / " + pair.get(1),
						this.results.ratios(metric, pair.get(0), pair.get(1)));
			}
		}
		for (String peer : this.peers) {
			WarmUp warmUp = this.results.warmUps().get(peer);
			if (warmUp != null) {
				Metric steady = new Metric("warm-up",
						warmUp.steady() ? "steady throughput" : "throughput, not steady by the cap", "req/s", "");
				lines.add(line(steady, peer, "1", warmUp.steadyThroughput()));
				lines.add(line(new Metric("warm-up", "seconds to 90% of steady throughput", "s", ""), peer, "1",
						warmUp.secondsTo90()));
				lines.add(line(new Metric("warm-up", "seconds from start to first answer", "s", ""), peer, "1",
						warmUp.readySeconds()));
			}
		}
		return lines;
	}

	private static void summary(List<String> lines, Metric metric, String peer, List<Double> values) {
		if (values.isEmpty()) {
			return;
		}
		lines.add(line(metric, peer, "median", Results.median(values).orElseThrow()));
		lines.add(line(metric, peer, "min", values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
		lines.add(line(metric, peer, "max", values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
	}

	private static String line(Metric metric, String peer, String round, double value) {
		return String.join(",", quote(metric.scenario()), quote(metric.name()), metric.unit(), quote(peer), round,
				Double.toString(value));
	}

	private List<String> warmUpCsv() {
		List<String> lines = new ArrayList<>();
		lines.add("peer,window,end_seconds,throughput");
		for (String peer : this.peers) {
			WarmUp warmUp = this.results.warmUps().get(peer);
			for (int i = 0; warmUp != null && i < warmUp.windows().size(); i++) {
				lines.add(String.join(",", quote(peer), Integer.toString(i + 1),
						Double.toString((i + 1) * warmUp.windowSeconds()), Double.toString(warmUp.windows().get(i))));
			}
		}
		return lines;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
