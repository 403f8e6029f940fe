package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The CPU profiles of a run: for each peer and scenario profiled, async-profiler's
 * collapsed stacks and flame graph in {@code profiles/}, and their top frames in
 * {@code profiles.md}. Written and read by the harness's main thread only.
 */
final class Profiles {

	/** How many frames each top list shows. */
	private static final int TOP = 20;

	private final Path dir;

	private final Duration window;

	private final List<String> lines = new ArrayList<>();

	private @Nullable Profiler profiler;

	/** What failed, if profiling failed: then no more profiles are tried. */
	private @Nullable String failure;

	Profiles(Path dir, Duration window) {
		this.dir = dir;
		this.window = window;
	}

	/**
	 * Profiles a peer under a scenario's load for the profile window.
	 * @param peer the running, warmed peer
	 * @param scenario {@code S1} or {@code S4}
	 * @param scenarios runs the load
	 * @param results where a failure is noted
	 */
	void profile(ServerProcess peer, String scenario, Scenarios scenarios, Results results) {
		if (this.failure != null) {
			return;
		}
		Path collapsed = this.dir.resolve("profiles")
			.resolve(Peer.fileName(peer.name()) + "-" + scenario + ".collapsed");
		try {
			if (this.profiler == null) {
				this.profiler = Profiler.extract(this.dir.resolve("logs"));
			}
			Files.createDirectories(collapsed.getParent());
			this.profiler.start(peer.pid());
			try {
				scenarios.load(peer, scenario, this.window);
			}
			finally {
				this.profiler.stop(peer.pid(), collapsed);
			}
			add(peer.name(), scenario, Profiler.Summary.of(Files.readAllLines(collapsed)), collapsed);
		}
		catch (IOException | RuntimeException ex) {
			this.failure = String.valueOf(ex.getMessage());
			results.note("CPU profile of " + peer.name() + " in " + scenario + " failed, no more profiles were taken: "
					+ ex.getMessage());
		}
	}

	private void add(String peer, String scenario, Profiler.Summary summary, Path collapsed) {
		this.lines.add("");
		this.lines.add(String.format("## %s, %s", peer, scenario.equals("S4") ? "S4 1 ms downstream" : "S1 hello"));
		this.lines.add("");
		this.lines
			.add(String.format("%,d samples in %d s; [collapsed stacks](profiles/%s), [flame graph](profiles/%s).",
					summary.samples(), this.window.toSeconds(), collapsed.getFileName(),
					collapsed.getFileName().toString().replace(".collapsed", ".html")));
		table("Top self frames (the frame on top of the stack)", summary.self(), summary.samples());
		table("Top inclusive frames (the frame anywhere in the stack)", summary.inclusive(), summary.samples());
	}

	private void table(String title, Map<String, Long> frames, long samples) {
		this.lines.add("");
		this.lines.add(title + ":");
		this.lines.add("");
		this.lines.add("| % | samples | frame |");
		this.lines.add("|---:|---:|---|");
		Profiler.Summary.top(frames, TOP)
			.forEach((frame, count) -> this.lines.add(String.format("| %.1f | %,d | `%s` |",
					100.0 * count / Math.max(1, samples), count, frame.replace("|", "\\|").replace("`", "'"))));
	}

	/** Whether any profile was taken. */
	boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/**
	 * Writes {@code profiles.md}.
	 * @param header the lines that say how, where and when the run was made
	 * @param notes what went wrong, if anything
	 */
	void write(List<String> header, List<String> notes) {
		List<String> md = new ArrayList<>();
		md.add("# CPU profiles of the load benchmark");
		md.add("");
		md.addAll(header.stream().filter((line) -> !line.startsWith("#")).toList());
		md.add("");
		md.add("async-profiler (Maven Central's `tools.profiler:async-profiler`), loaded into the running peer with "
				+ "`jcmd <pid> JVMTI.agent_load <lib> start,event=cpu,interval=1ms` after the peer's rounds, under the "
				+ "scenario's closed-model load, in a window of its own that no table counts.");
		md.addAll(this.lines);
		notes.stream().filter((note) -> note.startsWith("CPU profile")).forEach((note) -> md.add("\n- " + note));
		try {
			Files.createDirectories(this.dir);
			Files.write(this.dir.resolve("profiles.md"), md);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write " + this.dir.resolve("profiles.md"), ex);
		}
	}

}
