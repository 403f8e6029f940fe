package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * CPU profiles of a running peer with async-profiler, loaded into its JVM through
 * {@code jcmd <pid> JVMTI.agent_load}: the native library comes from Maven Central's
 * {@code tools.profiler:async-profiler} jar on the harness's class path, copied out once.
 * A profile is written as collapsed stacks (one line per distinct stack, frames root
 * first, then its sample count) and an HTML flame graph.
 */
final class Profiler {

	/** Where the library sits inside the jar. */
	private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

	private static final Pattern HIDDEN_CLASS_ADDRESS = Pattern.compile("\\.0x[0-9a-f]+");

	private final Path library;

	private Profiler(Path library) {
		this.library = library;
	}

	/**
	 * Copies the native library out of the jar on the class path.
	 * @param dir where to put it
	 * @return the profiler
	 * @throws IllegalStateException if the jar or the platform's library is missing
	 */
	static Profiler extract(Path dir) {
		try (InputStream in = Profiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
			if (in == null) {
				throw new IllegalStateException(
						"No " + LIBRARY + " on the class path: the tools.profiler:async-profiler jar is missing");
			}
			Files.createDirectories(dir);
			Path library = dir.resolve("libasyncProfiler.so");
			Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
			return new Profiler(library);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot copy " + LIBRARY + " into " + dir, ex);
		}
	}

	/**
	 * Starts sampling CPU in a JVM ({@code event=cpu}: perf events where the kernel
	 * allows them, otherwise async-profiler's own timer). Returns once the agent
	 * answered.
	 * @param pid the JVM's process id
	 */
	void start(long pid) {
		agent(pid, "start,event=cpu,interval=1ms");
	}

	/**
	 * Stops sampling and writes the profile.
	 * @param pid the JVM's process id
	 * @param collapsed the collapsed-stacks file to write; an HTML flame graph goes next
	 * to it
	 */
	void stop(long pid, Path collapsed) {
		agent(pid, "dump,collapsed,file=" + collapsed);
		agent(pid, "stop,flamegraph,file="
				+ collapsed.resolveSibling(collapsed.getFileName().toString().replace(".collapsed", ".html")));
	}

	private void agent(long pid, String arguments) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		// jcmd splits its arguments at commas unless they are quoted: the agent's options
		// are one argument
		List<String> line = List.of(jcmd, Long.toString(pid), "JVMTI.agent_load", this.library.toString(),
				"\"" + arguments + "\"");
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0
					|| !output.contains("return code: 0")) {
				process.destroyForcibly();
				throw new IllegalStateException("async-profiler failed: " + line + "\n" + output.trim());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + line, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + line, ex);
		}
	}

	/**
	 * What a profile says: samples per frame, as self time (the frame on top of the
	 * stack) and as inclusive time (the frame anywhere in the stack, counted once per
	 * stack).
	 *
	 * @param samples all samples
	 * @param self samples per top frame
	 * @param inclusive samples per frame anywhere in the stack
	 */
	record Summary(long samples, Map<String, Long> self, Map<String, Long> inclusive) {

		/**
		 * Reads collapsed stacks.
		 * @param lines the lines of a collapsed-stacks file
		 * @return the summary
		 */
		static Summary of(List<String> lines) {
			Map<String, Long> self = new HashMap<>();
			Map<String, Long> inclusive = new HashMap<>();
			long samples = 0;
			for (String line : lines) {
				int space = line.lastIndexOf(' ');
				if (space <= 0) {
					continue;
				}
				long count = Long.parseLong(line.substring(space + 1).trim());
				// hidden classes carry their address, which changes from run to run:
				// LambdaForm$MH.0x00007f...
				String[] frames = HIDDEN_CLASS_ADDRESS.matcher(line.substring(0, space)).replaceAll("").split(";");
				samples += count;
				self.merge(frames[frames.length - 1], count, Long::sum);
				Set<String> seen = new HashSet<>();
				for (String frame : frames) {
					if (seen.add(frame)) {
						inclusive.merge(frame, count, Long::sum);
					}
				}
			}
			return new Summary(samples, self, inclusive);
		}

		/**
		 * The frames with the most samples.
		 * @param frames self or inclusive counts
		 * @param count how many
		 * @return frame to samples, most first
		 */
		static Map<String, Long> top(Map<String, Long> frames, int count) {
			Map<String, Long> top = new LinkedHashMap<>();
			frames.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
				.limit(count)
				.forEach((entry) -> top.put(entry.getKey(), entry.getValue()));
			return top;
		}

	}

}
