package io.greenhub.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main of the test classes, whose output lines are read on a thread
 * of their own; {@link #kill()} is kill -9.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final Thread reader;

	ChildJvm(Class<?> main, String... args) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
						"-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp",
						System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// the child is gone
			}
		}, "child-jvm-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Waits at most the test bound for a line that starts with the prefix, and returns
	 * it.
	 */
	String awaitLine(String prefix) throws InterruptedException {
		long deadline = System.nanoTime() + TestRedis.WAIT.toNanos();
		StringBuilder seen = new StringBuilder();
		for (;;) {
			String line = this.lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null) {
				throw new AssertionError("The child JVM printed no line starting with '" + prefix + "' in "
						+ TestRedis.WAIT + "; it printed:\n" + seen);
			}
			seen.append(line).append('\n');
			if (line.startsWith(prefix)) {
				return line;
			}
		}
	}

	/**
	 * Returns the lines printed and not yet read. Once the child has ended, waits at most
	 * the test bound for the output thread to read the last of them, which the child may
	 * have written just before it was killed.
	 */
	List<String> drain() throws InterruptedException {
		if (!this.process.isAlive()) {
			this.reader.join(TestRedis.WAIT);
		}
		List<String> drained = new ArrayList<>();
		this.lines.drainTo(drained);
		return drained;
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(TestRedis.WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		kill();
	}

}
