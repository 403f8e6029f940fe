package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the report says about the machine and the run.
 */
final class Machine {

	private Machine() {
	}

	/**
	 * The machine's CPUs, from {@code /proc/cpuinfo}: the harness itself may be pinned to
	 * one.
	 * @return the number of CPUs, 1 if unknown
	 */
	static int cpus() {
		return (int) Math.max(1,
				lines("/proc/cpuinfo").stream().filter((line) -> line.startsWith("processor")).count());
	}

	static List<String> header(String mode, Settings settings, @Nullable String peerCpus, String note) {
		String model = lines("/proc/cpuinfo").stream()
			.filter((line) -> line.startsWith("model name"))
			.findFirst()
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.orElse("unknown CPU");
		String memory = lines("/proc/meminfo").stream()
			.filter((line) -> line.startsWith("MemTotal"))
			.findFirst()
			.map((line) -> String.format("%.0f GiB", Long.parseLong(line.replaceAll("\\D", "")) / 1048576.0))
			.orElse("unknown memory");
		List<String> lines = new ArrayList<>();
		lines.add("# Load benchmark results");
		lines.add("");
		lines.add(String.format("Date %s; %d CPUs (%s), %s, %s %s; JDK %s %s.", LocalDate.now(ZoneOffset.UTC), cpus(),
				model, memory, System.getProperty("os.name"), System.getProperty("os.version"),
				System.getProperty("java.vendor"), System.getProperty("java.runtime.version")));
		lines.add(String
			.format("Run: %s. Each peer started once and warmed on S1 until %d consecutive windows of %d s agreed within "
					+ "%.0f%% (at most %d s), then %d s each of `/call?ms=1` and `/fanout?ms=1`; then %d round(s) of the closed-model "
					+ "scenarios, %d s each, every live peer in each round, the order rotated from round to round; then the open-model "
					+ "and density scenarios once per peer (%d s each after 3 s unmeasured, S2 %d s at %s connections; S5 parks %,d requests). %s",
					mode, settings.steadyWindows(), settings.window().toSeconds(), 100 * settings.tolerance(),
					settings.warmUpCap().toSeconds(), settings.otherWarmUp().toSeconds(), settings.rounds(),
					settings.measure().toSeconds(), settings.latencyMeasure().toSeconds(),
					settings.s2Measure().toSeconds(), settings.s2Connections(), settings.densityRequests(),
					(peerCpus != null)
							? (peerCpus.equals("1")
									? "Peers pinned to CPU 1, harness, wrk and downstream server to the others."
									: "Peers on CPUs " + peerCpus
											+ ", shared with the harness, wrk and the downstream server.")
							: "No CPU pinning."));
		lines.add("Every peer: " + String.join(" ", Peer.JVM) + ".");
		if (!note.isEmpty()) {
			lines.add(note);
		}
		return lines;
	}

	private static List<String> lines(String file) {
		try {
			return Files.readAllLines(Path.of(file));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
