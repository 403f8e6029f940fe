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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The load harness's entry point: {@code benchmarks/load.sh [--quick]} builds everything
 * and runs this. It starts the downstream server, then every peer (pinned to CPU 1 while
 * the harness, wrk and the downstream server stay on CPU 0), one after another, warming
 * each until it is steady; then, round after round, measures the closed-model scenarios
 * of every live peer, the order of the peers rotated from one round to the next; then
 * profiles some of them; then runs the open-model and density scenarios once per peer and
 * stops it; then the plain-Java density check; then it writes the report.
 */
public final class Harness {

	private final Settings settings;

	private final Path out;

	/** CPUs of the peers for {@code taskset}, or null for no pinning. */
	private final @Nullable String peerCpus;

	private final Scenarios.ClosedLoad closedLoad;

	private final Set<String> selected;

	/** The peers to profile in S1 and S4; empty for no profiles. */
	private final List<String> profiled;

	Harness(Settings settings, Path out, @Nullable String peerCpus, Scenarios.ClosedLoad closedLoad,
			Set<String> selected, List<String> profiled) {
		this.settings = settings;
		this.out = out;
		this.peerCpus = peerCpus;
		this.closedLoad = closedLoad;
		this.selected = selected;
		this.profiled = profiled;
	}

	/**
	 * Measures the peers and writes the report.
	 * @param peers the peers
	 * @param header lines that describe the run, put at the top of the report
	 * @param ratios the ratios the report shows, each a pair of peer names: peer,
	 * reference
	 * @param targets whether the report says which of the project's targets are met
	 * @return the results
	 */
	Results run(List<Peer> peers, List<String> header, List<List<String>> ratios, boolean targets) {
		Results results = new Results();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path logs = this.out.resolve("logs");
		Profiles profiles = new Profiles(this.out, this.settings.profileWindow());
		Map<String, ServerProcess> live = new LinkedHashMap<>();
		try (ServerProcess downstream = ServerProcess.start("downstream", null,
				Peer.classpath(java, DownstreamServer.class, "{port}"), "/inflight", logs.resolve("downstream.log"),
				Duration.ofSeconds(60))) {
			Scenarios scenarios = new Scenarios(this.settings, results, () -> inFlight(downstream), this.closedLoad,
					this.selected);
			try {
				for (Peer peer : peers) {
					start(peer, downstream, scenarios, live, results);
				}
				for (int round = 1; round <= this.settings.rounds(); round++) {
					int current = round;
					for (String name : rotated(List.copyOf(live.keySet()), round - 1)) {
						log("round " + round + ": " + name);
						measure(name, live, results, (server) -> scenarios.throughput(server, current));
					}
				}
				for (String name : this.profiled) {
					for (String scenario : List.of("S1", "S4")) {
						if (live.containsKey(name) && this.selected.contains(scenario)) {
							log("CPU profile: " + name + " in " + scenario);
							profiles.profile(live.get(name), scenario, scenarios, results);
						}
					}
				}
				double b1 = results.median(Metric.S1_THROUGHPUT, "B1").orElse(0);
				for (String name : List.copyOf(live.keySet())) {
					log("latency and density: " + name);
					measure(name, live, results, (server) -> scenarios.latency(server, b1));
					ServerProcess server = live.remove(name);
					if (server != null) {
						server.close();
					}
				}
			}
			finally {
				live.values().forEach(ServerProcess::close);
			}
		}
		if (this.selected.contains("S5") && this.settings.millionThreads() > 0) {
			log("plain-Java density check: " + this.settings.millionThreads() + " parked green threads");
			parkedGreenThreads(java, results);
		}
		if (!profiles.isEmpty()) {
			results.note("CPU profiles of " + String.join(" and ", this.profiled)
					+ " in S1 and S4: [profiles.md](profiles.md)");
		}
		List<String> names = peers.stream().map(Peer::name).filter(results.warmUps()::containsKey).toList();
		List<String> lines = new ArrayList<>(header);
		lines.add("");
		peers.forEach((peer) -> lines.add("- " + peer.name() + ": " + peer.description()));
		new Report(results, names, ratios, targets, this.settings).write(this.out, lines);
		if (!profiles.isEmpty()) {
			profiles.write(header, results.notes());
		}
		log("wrote " + this.out.resolve("results.md"));
		return results;
	}

	private void start(Peer peer, ServerProcess downstream, Scenarios scenarios, Map<String, ServerProcess> live,
			Results results) {
		log("start and warm up: " + peer.name());
		ServerProcess server = null;
		try {
			server = ServerProcess.start(peer.name(), this.peerCpus, peer.command(downstream.baseUrl()), "/hello",
					this.out.resolve("logs").resolve(Peer.fileName(peer.name()) + ".log"), Duration.ofSeconds(90));
			WarmUp warmUp = scenarios.warmUp(server);
			log(String.format("%s: %s after %.0f s of load, %,.0f req/s; 90%% of it after %.0f s", peer.name(),
					warmUp.steady() ? "steady" : "NOT steady", warmUp.seconds(), warmUp.steadyThroughput(),
					warmUp.secondsTo90()));
			if (!warmUp.steady()) {
				results.note(String.format(
						"%s was not steady by the warm-up cap (%d s): its last %d windows of %d s spread more than %.0f%%",
						peer.name(), this.settings.warmUpCap().toSeconds(), this.settings.steadyWindows(),
						this.settings.window().toSeconds(), 100 * this.settings.tolerance()));
			}
			live.put(peer.name(), server);
		}
		catch (RuntimeException ex) {
			if (server != null) {
				server.close();
			}
			results.note(peer.name() + " failed to start or warm up: " + ex.getMessage());
			log(peer.name() + " failed: " + ex);
		}
	}

	private static void measure(String name, Map<String, ServerProcess> live, Results results,
			Consumer<ServerProcess> measurement) {
		ServerProcess server = Objects.requireNonNull(live.get(name), name);
		try {
			measurement.accept(server);
			if (!server.isAlive()) {
				throw new IllegalStateException("the process ended");
			}
		}
		catch (RuntimeException ex) {
			results.note(name + " failed and was stopped: " + ex.getMessage());
			log(name + " failed: " + ex);
			live.remove(name);
			server.close();
		}
	}

	/**
	 * A list rotated left: round 1 measures A B C, round 2 B C A, round 3 C A B.
	 * @param names the list
	 * @param by how many places
	 * @return the rotated list
	 */
	static List<String> rotated(List<String> names, int by) {
		List<String> rotated = new ArrayList<>(names);
		if (!rotated.isEmpty()) {
			Collections.rotate(rotated, -(by % rotated.size()));
		}
		return rotated;
	}

	private void parkedGreenThreads(String java, Results results) {
		List<String> command = new ArrayList<>();
		if (this.peerCpus != null) {
			command.addAll(List.of("/usr/bin/taskset", "-c", this.peerCpus));
		}
		command.addAll(List.of(java, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "--add-opens",
				"java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
				ParkedGreenThreads.class.getName(), Integer.toString(this.settings.millionThreads())));
		try {
			Path log = this.out.resolve("logs/parked-green-threads.log");
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
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
				results
					.note(String.format("The plain-Java density check ran out of heap (-Xmx1g) spawning green threads; "
							+ "the last measurement before that, at %,d, is reported", count));
			}
			results.add(Metric.S5_MILLION_COUNT, Metric.PLAIN_JAVA, 1, count);
			results.add(Metric.S5_MILLION, Metric.PLAIN_JAVA, 1, heap / 1048576.0);
			results.add(Metric.S5_MILLION_PER_THREAD, Metric.PLAIN_JAVA, 1,
					(double) (heap - base) / Math.max(1, count));
			results.note(String
				.format("S5 without HTTP (-Xmx1g, one loop-mode hub): %,d green threads parked on one GreenEvent; "
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
			HttpRequest request = HttpRequest.newBuilder(URI.create(downstream.baseUrl() + "/inflight"))
				.timeout(Duration.ofSeconds(5))
				.build();
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
	 * @param args see {@link Options}
	 */
	public static void main(String[] args) {
		Options options = Options.parse(args);
		if (!Wrk.available()) {
			Wrk.install();
		}
		String cpus = (options.peerCpus() != null) ? options.peerCpus()
				: (Runtime.getRuntime().availableProcessors() >= 2 || Machine.cpus() >= 2) ? "1" : null;
		Instant start = Instant.now();
		List<String> header = Machine.header(options.mode(), options.settings(), cpus, options.note());
		new Harness(options.settings(), options.out(), cpus, Wrk::run, options.scenarios(), options.profiled())
			.run(options.peers(), header, options.ratios(), !options.comparing());
		log("done in " + Duration.between(start, Instant.now()).toSeconds() + " s");
		System.exit(0);
	}

}
