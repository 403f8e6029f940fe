package io.greenhub.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A server the harness started as a process of its own, on a free loopback port,
 * optionally pinned to CPUs with {@code taskset}. Every process started is killed by
 * {@link #close()} and, whatever happens, by a shutdown hook when the harness exits
 * (Ctrl-C included).
 */
final class ServerProcess implements AutoCloseable {

	/**
	 * Processes started and not yet closed: added and removed by the harness's thread,
	 * read by the shutdown hook.
	 */
	private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::kill), "kill-servers"));
	}

	private final String name;

	private final Process process;

	private final int port;

	/**
	 * How long the process took from its start to its first 200: written once by
	 * {@link #start}, before anyone reads it.
	 */
	private double readySeconds;

	private ServerProcess(String name, Process process, int port) {
		this.name = name;
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a process and waits until {@code GET readyPath} answers 200.
	 * @param name the server's name, for messages and its log file
	 * @param cpus the CPUs to pin it to ({@code taskset -c}), or null for no pinning
	 * @param command the command; {@code {port}} in it is replaced by the chosen port
	 * @param readyPath the path that answers once the server is ready
	 * @param log where the server's output goes
	 * @param readyWithin how long to wait for readiness
	 * @return the running server
	 */
	static ServerProcess start(String name, @Nullable String cpus, List<String> command, String readyPath, Path log,
			Duration readyWithin) {
		int port = freePort();
		List<String> line = new ArrayList<>();
		if (cpus != null && Files.isExecutable(Path.of("/usr/bin/taskset"))) {
			line.addAll(List.of("/usr/bin/taskset", "-c", cpus));
		}
		command.forEach((word) -> line.add(word.replace("{port}", Integer.toString(port))));
		try {
			Files.createDirectories(log.getParent());
			long started = System.nanoTime();
			Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			LIVE.add(process);
			ServerProcess server = new ServerProcess(name, process, port);
			server.awaitReady(readyPath, readyWithin, log);
			server.readySeconds = (System.nanoTime() - started) / 1e9;
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + name + ": " + line, ex);
		}
	}

	private void awaitReady(String path, Duration within, Path log) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				close();
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + " before it was ready; see " + log);
			}
			try {
				if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			this.process.onExit().completeOnTimeout(this.process, 100, TimeUnit.MILLISECONDS).join();
		}
		close();
		throw new IllegalStateException(this.name + " was not ready within " + within + "; see " + log);
	}

	String name() {
		return this.name;
	}

	/**
	 * How long the process took from its start to its first answer.
	 * @return seconds
	 */
	double readySeconds() {
		return this.readySeconds;
	}

	/**
	 * The id of the JVM: taskset execs it, so it is the started process's own.
	 * @return the process id
	 */
	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public void close() {
		kill(this.process);
		LIVE.remove(this.process);
	}

	private static void kill(Process process) {
		process.destroy();
		if (!process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join().isAlive()) {
			return;
		}
		process.destroyForcibly();
		process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

}
