package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a peer uses after a full GC, asked of its JVM with the JDK's {@code jcmd}
 * ({@code GC.run}, then {@code GC.heap_info}: the peers run G1, whose first line has the
 * whole heap's use).
 */
final class Jcmd {

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private Jcmd() {
	}

	/**
	 * Runs a full GC in a JVM and reads how much heap is used.
	 * @param pid the JVM's process id
	 * @return used heap in bytes
	 */
	static long heapUsedAfterGc(long pid) {
		run(pid, "GC.run");
		String info = run(pid, "GC.heap_info");
		Matcher used = USED.matcher(info);
		if (!used.find()) {
			throw new IllegalStateException("jcmd " + pid + " GC.heap_info printed no heap use:\n" + info);
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	private static String run(long pid, String command) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		List<String> line = List.of(jcmd, Long.toString(pid), command);
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("Failed: " + line + "\n" + new String(output, StandardCharsets.UTF_8));
			}
			return new String(output, StandardCharsets.UTF_8);
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
	 * Waits between two polls of a condition that has a deadline of its own.
	 * @param pause how long
	 */
	static void pause(Duration pause) {
		LockSupport.parkNanos(pause.toNanos());
	}

}
