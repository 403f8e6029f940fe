package io.greenhub.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The harness's command line.
 * <ul>
 * <li>{@code --quick}: short windows and a short warm-up cap
 * ({@link Settings#quick()});</li>
 * <li>{@code --root <repository>}, {@code --out <directory>} (default
 * {@code docs/performance}, or {@code benchmarks/harness/target/compare-<name>} with
 * {@code --compare-jar});</li>
 * <li>{@code --peers B1,G-loop,...}: only these peers (variants included by their
 * names);</li>
 * <li>{@code --scenarios S1,S4}: only these of {@link Scenarios#ALL};</li>
 * <li>{@code --rounds N}, {@code --window 5s}, {@code --steady-windows 3},
 * {@code --tolerance 0.03}, {@code --warm-up-cap 120s}, {@code --measure 8s};</li>
 * <li>{@code --variant NAME[:BASE]=OPTIONS}: one more peer, BASE's command (G-loop by
 * default) with these JVM options, such as
 * {@code --variant G-loop-nosteal=-Dgreen.hub.work-stealing.enabled=false};
 * repeatable;</li>
 * <li>{@code --jvm NAME=OPTIONS}: more JVM options for a peer, such as
 * {@code --jvm G-loop=-Dgreen.hub.hubs=2} (with {@code --compare-jar}, options for G-loop
 * go to both builds); repeatable;</li>
 * <li>{@code --profile} / {@code --no-profile}: CPU profiles of G-loop and B2 (on in the
 * full run);</li>
 * <li>{@code --compare-jar <peer-green jar> --compare-name G-loop@<sha>}: G-loop against
 * that build only ({@code benchmarks/load.sh --compare <commit>} builds the jar);</li>
 * <li>{@code --peer-cpus 0,1}: the CPUs the peers are pinned to ({@code taskset -c}),
 * instead of CPU 1 alone; with every CPU listed the peers share them with the harness,
 * wrk and the downstream server (the two-hubs-on-two-cores runs);</li>
 * <li>{@code --note <text>}: a line for the report.</li>
 * </ul>
 *
 * @param mode the run's name in the report
 * @param out where the report goes
 * @param note a line for the report
 * @param settings how long and how hard to measure
 * @param peers the peers, in their order
 * @param scenarios the scenarios to run
 * @param profiled the peers to profile
 * @param ratios the ratios to report, pairs of peer names
 * @param comparing whether this is a comparison of two builds
 * @param peerCpus the CPUs to pin the peers to, or null for the default (CPU 1 on a
 * machine of two or more)
 */
record Options(String mode, Path out, String note, Settings settings, List<Peer> peers, Set<String> scenarios,
		List<String> profiled, List<List<String>> ratios, boolean comparing, @Nullable String peerCpus) {

	static Options parse(String[] args) {
		List<String> list = Arrays.asList(args);
		boolean quick = list.contains("--quick");
		Path root = Path.of(option(list, "--root", ".")).toAbsolutePath().normalize();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String compareJar = option(list, "--compare-jar", "");
		boolean comparing = !compareJar.isEmpty();
		List<Peer> peers = new ArrayList<>(Peer.all(java, root));
		for (String variant : options(list, "--variant")) {
			peers.add(variant(peers, variant));
		}
		for (String extra : options(list, "--jvm")) {
			String name = extra.substring(0, Math.max(0, extra.indexOf('=')));
			Peer peer = find(peers, name, "--jvm " + extra);
			peers.set(peers.indexOf(peer), peer.with(name, words(extra)));
		}
		String compareName = option(list, "--compare-name", "G-loop@other");
		if (comparing) {
			Peer other = Peer.greenLoop(java, compareName, Path.of(compareJar));
			for (String extra : options(list, "--jvm")) {
				// both builds run with the same options
				other = extra.startsWith("G-loop=") ? other.with(compareName, words(extra)) : other;
			}
			peers = new ArrayList<>(List.of(find(peers, "G-loop", "--compare-jar"), other));
		}
		String only = option(list, "--peers", "");
		if (!only.isEmpty()) {
			List<String> wanted = List.of(only.split(","));
			for (String name : wanted) {
				find(peers, name, "--peers " + only);
			}
			peers = peers.stream().filter((peer) -> wanted.contains(peer.name())).toList();
		}
		Settings settings = quick ? Settings.quick() : Settings.full();
		settings = settings.withRounds(Integer.parseInt(option(list, "--rounds", Integer.toString(settings.rounds()))));
		settings = settings.withSteadiness(duration(list, "--window", settings.window()),
				Integer.parseInt(option(list, "--steady-windows", Integer.toString(settings.steadyWindows()))),
				Double.parseDouble(option(list, "--tolerance", Double.toString(settings.tolerance()))),
				duration(list, "--warm-up-cap", settings.warmUpCap()));
		settings = settings.withMeasure(duration(list, "--measure", settings.measure()));
		Set<String> scenarios = new LinkedHashSet<>(
				List.of(option(list, "--scenarios", comparing ? "S1" : String.join(",", Scenarios.ALL)).split(",")));
		if (!Scenarios.ALL.containsAll(scenarios)) {
			throw new IllegalArgumentException("--scenarios takes some of " + Scenarios.ALL + ", not " + scenarios);
		}
		boolean profile = list.contains("--profile") || (!quick && !comparing && !list.contains("--no-profile"));
		List<String> profiled = !profile ? List.of()
				: comparing ? peers.stream().map(Peer::name).toList() : List.of("G-loop", "B2");
		List<List<String>> ratios = new ArrayList<>();
		if (comparing) {
			ratios.add(List.of("G-loop", compareName));
		}
		else {
			ratios.addAll(List.of(List.of("G-loop", "B1"), List.of("G-loop", "B2"), List.of("B1+starter", "B1"),
					List.of("G-pool", "B1")));
			options(list, "--variant").forEach((variant) -> ratios
				.add(List.of(variant.substring(0, variant.indexOf('=')).split(":")[0], variant.contains(":")
						? variant.substring(variant.indexOf(':') + 1, variant.indexOf('=')) : "G-loop")));
		}
		Path out = Path.of(option(list, "--out",
				comparing ? root.resolve("benchmarks/harness/target/compare-" + Peer.fileName(compareName)).toString()
						: root.resolve("docs/performance").toString()));
		String mode = comparing ? "comparison of two builds (`--compare`)" : quick ? "quick (`--quick`)" : "full";
		String peerCpus = option(list, "--peer-cpus", "");
		if (!peerCpus.isEmpty() && !peerCpus.matches("[0-9]+([,-][0-9]+)*")) {
			throw new IllegalArgumentException("--peer-cpus takes a CPU list such as 0,1 or 0-1, not " + peerCpus);
		}
		return new Options(mode, out, option(list, "--note", ""), settings, List.copyOf(peers), scenarios, profiled,
				ratios, comparing, peerCpus.isEmpty() ? null : peerCpus);
	}

	private static Peer variant(List<Peer> peers, String variant) {
		int equals = variant.indexOf('=');
		if (equals <= 0) {
			throw new IllegalArgumentException("--variant takes NAME[:BASE]=OPTIONS, not " + variant);
		}
		String[] name = variant.substring(0, equals).split(":", 2);
		Peer base = find(peers, (name.length > 1) ? name[1] : "G-loop", "--variant " + variant);
		return base.with(name[0], words(variant));
	}

	private static Peer find(List<Peer> peers, String name, String option) {
		return peers.stream()
			.filter((peer) -> peer.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(option + ": no peer named '" + name + "'; the peers are "
					+ peers.stream().map(Peer::name).toList()));
	}

	/** The JVM options after the first '=' of {@code NAME=OPTIONS}, split on spaces. */
	private static List<String> words(String nameAndOptions) {
		return List.of(nameAndOptions.substring(nameAndOptions.indexOf('=') + 1).trim().split("\\s+"));
	}

	private static Duration duration(List<String> args, String name, Duration fallback) {
		String value = option(args, name, "");
		if (value.isEmpty()) {
			return fallback;
		}
		try {
			return Duration.ofMillis((long) (Double.parseDouble(value.replaceAll("s$", "")) * 1000));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " takes seconds, such as 5s, not " + value, ex);
		}
	}

	private static String option(List<String> args, String name, String fallback) {
		int index = args.indexOf(name);
		return (index >= 0 && index + 1 < args.size()) ? args.get(index + 1) : fallback;
	}

	private static List<String> options(List<String> args, String name) {
		List<String> values = new ArrayList<>();
		for (int i = 0; i + 1 < args.size(); i++) {
			if (args.get(i).equals(name)) {
				values.add(args.get(i + 1));
			}
		}
		return values;
	}

}
