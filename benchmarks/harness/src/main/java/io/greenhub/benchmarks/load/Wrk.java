package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed-model load generator: {@code wrk} with one thread and a fixed number of
 * connections, each sending its next request as soon as the last one is answered. It
 * gives the highest throughput; its latencies suffer from coordinated omission and are
 * not used.
 */
final class Wrk {

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private Wrk() {
	}

	/**
	 * Says whether wrk can be run.
	 * @return whether {@code wrk} is on the PATH
	 */
	static boolean available() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			if (Files.isExecutable(Path.of(dir, "wrk"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Installs wrk with {@code apt-get} when the harness runs as root, or stops the
	 * harness with one sentence that says what to do.
	 */
	static void install() {
		if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
			try {
				Process process = new ProcessBuilder("apt-get", "install", "-y", "wrk").inheritIO().start();
				if (process.waitFor(5, TimeUnit.MINUTES) && available()) {
					return;
				}
				process.destroyForcibly();
			}
			catch (IOException ex) {
				// said below
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		System.err.println(
				"The load harness needs wrk on the PATH: install it (on Debian or Ubuntu: sudo apt-get install wrk) and run the command again.");
		System.exit(2);
	}

	/**
	 * Runs wrk against one URL.
	 * @param url the URL
	 * @param connections how many connections
	 * @param duration how long
	 * @return what it measured
	 */
	static Result run(String url, int connections, Duration duration) {
		List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout",
				"10s", url);
		try {
			Path output = Files.createTempFile("wrk", ".txt");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(duration.toSeconds() + 20, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("wrk did not end: " + command);
				}
				return parse(Files.readString(output, StandardCharsets.UTF_8), duration.toSeconds());
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
	}

	static Result parse(String output, double seconds) {
		Matcher requests = REQUESTS.matcher(output);
		if (!requests.find()) {
			throw new IllegalStateException("wrk printed no request count:\n" + output);
		}
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(output);
		if (socket.find()) {
			for (int group = 1; group <= 4; group++) {
				errors += Long.parseLong(socket.group(group));
			}
		}
		return new Result(Long.parseLong(requests.group(1)), errors, seconds);
	}

	/**
	 * What a run measured.
	 *
	 * @param requests requests answered
	 * @param errors non-2xx answers and socket errors
	 * @param seconds how long it ran
	 */
	record Result(long requests, long errors, double seconds) {

		double throughput() {
			return (this.requests - this.errors) / this.seconds;
		}

	}

}
