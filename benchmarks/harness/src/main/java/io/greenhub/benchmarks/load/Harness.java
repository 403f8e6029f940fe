package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load harness's entry point: {@code benchmarks/load.sh [--quick]} builds everything and runs
 * this. It starts the downstream server, then, round after round, each peer in turn (pinned to CPU 1
 * while the harness, wrk and the downstream server stay on CPU 0), runs the scenarios against it and
 * stops it; then the plain-Java density check; then it writes the report.
 */
public final class Harness {

	private final Settings settings;

	private final Path out;

	/** CPUs of the peers for {@code taskset}, or null for no pinning. */
	private final String peerCpus;

	private final Scenarios.ClosedLoad closedLoad;

	Harness(Settings settings, Path out, String peerCpus, Scenarios.ClosedLoad closedLoad) {
		this.settings = settings;
		this.out = out;
		this.peerCpus = peerCpus;
		this.closedLoad = closedLoad;
	}

	/**
	 * Measures the peers and writes the report.
	 * @param peers the peers, B1 first if it is among them
	 * @param header lines that describe the run, put at the top of the report
	 * @return the results
	 */
	Results run(List<Peer> peers, List<String> header) {
		Results results = new Results();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path logs = this.out.resolve("logs");
		try (ServerProcess downstream = ServerProcess.start("downstream", null,
				Peer.classpath(java, DownstreamServer.class, "{port}"), "/inflight", logs.resolve("downstream.log"),
				Duration.ofSeconds(60))) {
			Scenarios scenarios = new Scenarios(this.settings, results, () -> inFlight(downstream), this.closedLoad);
			for (int round = 1; round <= this.settings.rounds(); round++) {
				double b1 = 0;
				for (Peer peer : peers) {
					log("round " + round + ": " + peer.name());
					try (ServerProcess server = ServerProcess.start(peer.name(), this.peerCpus, peer.command(downstream.baseUrl()),
							"/hello", logs.resolve(peer.name() + "-" + round + ".log"), Duration.ofSeconds(90))) {
						double s1 = scenarios.run(server, b1);
						b1 = peer.name().equals("B1") ? s1 : b1;
					}
					catch (RuntimeException ex) {
						results.note("round " + round + ", " + peer.name() + " failed: " + ex.getMessage());
						log(peer.name() + " failed: " + ex);
					}
				}
			}
		}
		log("plain-Java density check: " + this.settings.millionThreads() + " parked green threads");
		parkedGreenThreads(java, results);
		List<String> names = peers.stream().map(Peer::name).toList();
		List<String> lines = new ArrayList<>(header);
		lines.add("");
		peers.forEach((peer) -> lines.add("- " + peer.name() + ": " + peer.description()));
		new Report(results, names, this.settings.s2Connections().getLast(), this.settings.millionThreads()).write(this.out, lines);
		log("wrote " + this.out.resolve("results.md"));
		return results;
	}

	private void parkedGreenThreads(String java, Results results) {
		List<String> command = new ArrayList<>();
		if (this.peerCpus != null) {
			command.addAll(List.of("/usr/bin/taskset", "-c", this.peerCpus));
		}
		command.addAll(List.of(java, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
				"-cp", System.getProperty("java.class.path"), ParkedGreenThreads.class.getName(),
				Integer.toString(this.settings.millionThreads())));
		try {
			Path log = this.out.resolve("logs/parked-green-threads.log");
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				results.note("The plain-Java density check did not end within 5 minutes");
				return;
			}
			String output = Files.readString(log);
			Matcher step = Pattern.compile("parked=(\\d+) heapBytes=(\\d+) baseBytes=(\\d+)").matcher(output);
			long count = 0;
			long heap = 0;
			long base = 0;
			while (step.find()) {
				count = Long.parseLong(step.group(1));
				heap = Long.parseLong(step.group(2));
				base = Long.parseLong(step.group(3));
			}
			if (count == 0) {
				results.note("The plain-Java density check printed no measurement; see " + log);
				return;
			}
			if (output.contains("oom after=")) {
				results.note(String.format("The plain-Java density check ran out of heap (-Xmx1g) spawning green threads; "
						+ "the last measurement before that, at %,d, is reported", count));
			}
			results.add(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA, count);
			results.add(Metric.S5_MILLION, Metric.PLAIN_JAVA, heap / 1048576.0);
			results.add(Metric.S5_MILLION_PER_THREAD, Metric.PLAIN_JAVA, (double) (heap - base) / Math.max(1, count));
			results.note(String.format("S5 without HTTP (-Xmx1g, one loop-mode hub): %,d green threads parked on one GreenEvent; "
					+ "heap after GC %,.0f MiB (%,.0f MiB before spawning), %,.0f bytes per parked green thread",
					count, heap / 1048576.0, base / 1048576.0, (double) (heap - base) / Math.max(1, count)));
		}
		catch (IOException ex) {
			results.note("The plain-Java density check could not run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int inFlight(ServerProcess downstream) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(downstream.baseUrl() + "/inflight")).timeout(Duration.ofSeconds(5)).build();
			try (HttpClient client = HttpClient.newHttpClient()) {
				return Integer.parseInt(client.send(request, HttpResponse.BodyHandlers.ofString()).body().trim());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot ask the downstream server how many delays are pending", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static void log(String message) {
		System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
	}

	/**
	 * Runs the harness.
	 * @param args {@code [--quick] [--root <repository>] [--out <directory>] [--peers B1,G-loop,...] [--note <text>]}
	 */
	public static void main(String[] args) {
		List<String> list = Arrays.asList(args);
		boolean quick = list.contains("--quick");
		Path root = Path.of(option(list, "--root", ".")).toAbsolutePath().normalize();
		Path out = Path.of(option(list, "--out", root.resolve("docs/performance").toString()));
		String note = option(list, "--note", "");
		if (!Wrk.available()) {
			Wrk.install();
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<Peer> peers = Peer.all(java, root);
		String only = option(list, "--peers", "");
		if (!only.isEmpty()) {
			List<String> wanted = List.of(only.split(","));
			peers = peers.stream().filter((peer) -> wanted.contains(peer.name())).toList();
		}
		Settings settings = quick ? Settings.quick() : Settings.full();
		String cpus = (Runtime.getRuntime().availableProcessors() >= 2 || Machine.cpus() >= 2) ? "1" : null;
		Instant start = Instant.now();
		List<String> header = Machine.header(quick ? "quick (`--quick`)" : "full", settings, cpus, note);
		new Harness(settings, out, cpus, Wrk::run).run(peers, header);
		log("done in " + Duration.between(start, Instant.now()).toSeconds() + " s");
		System.exit(0);
	}

	private static String option(List<String> args, String name, String fallback) {
		int index = args.indexOf(name);
		return (index >= 0 && index + 1 < args.size()) ? args.get(index + 1) : fallback;
	}

}
