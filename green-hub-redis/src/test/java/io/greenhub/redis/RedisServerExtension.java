package io.greenhub.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} of the test class's own, on a free loopback port: started
 * before the class's tests, once it answers PING; stopped after them, and killed if the
 * JVM exits first. Without persistence by default ({@code --save '' --appendonly no});
 * {@link #appendOnly()} makes one with an append-only file (fsync every second, and at
 * the SIGTERM of {@link #stop()}), to restart without loss. Without {@code redis-server}
 * on the PATH it installs Debian's {@code redis-server} package when it runs as root with
 * apt-get, else fails saying which package to install. <pre>{@code
 * &#64;RegisterExtension
 * static final RedisServerExtension redis = new RedisServerExtension();
 * }</pre>
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly), "redis-server-reaper"));
	}

	private final boolean appendOnly;

	private int port;

	private Path directory;

	private Process process;

	/**
	 * A server without persistence.
	 */
	public RedisServerExtension() {
		this(false);
	}

	private RedisServerExtension(boolean appendOnly) {
		this.appendOnly = appendOnly;
	}

	/**
	 * Returns a server that writes every change to its append-only file.
	 * @return the extension
	 */
	public static RedisServerExtension appendOnly() {
		return new RedisServerExtension(true);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.port = freePort();
		this.directory = Files.createTempDirectory("redis-test");
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/**
	 * Returns the URI of the server, for Lettuce and for {@code spring.data.redis.url}.
	 * @return the URI
	 */
	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Returns the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Starts the server on its port, with its directory, and waits until it answers PING.
	 */
	public void start() {
		List<String> command = new ArrayList<>(
				List.of(executable(), "--port", String.valueOf(this.port), "--bind", "127.0.0.1", "--dir",
						this.directory.toString(), "--save", "", "--daemonize", "no", "--protected-mode", "no"));
		if (this.appendOnly) {
			command.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
		}
		else {
			command.addAll(List.of("--appendonly", "no"));
		}
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + command, ex);
		}
		running.add(this.process);
		await().atMost(WAIT).ignoreExceptions().until(this::answersPing);
	}

	/**
	 * Stops the server with SIGTERM (Redis then writes its append-only file out) and
	 * waits for it.
	 */
	public void stop() {
		Process server = this.process;
		if (server == null) {
			return;
		}
		resume();
		server.destroy();
		try {
			if (!server.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
				server.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		running.remove(server);
		this.process = null;
	}

	/**
	 * Stops the server and starts it again on the same port and directory.
	 */
	public void restart() {
		stop();
		start();
	}

	/**
	 * Pauses the server with SIGSTOP: it keeps its connections and answers nothing.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Resumes a paused server with SIGCONT.
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		if (this.process == null) {
			return;
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid())).start();
			if (!kill.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " of redis-server failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private boolean answersPing() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static synchronized String executable() {
		String found = onPath();
		if (found != null) {
			return found;
		}
		if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
			run("apt-get", "update");
			run("apt-get", "install", "-y", "redis-server");
			found = onPath();
			if (found != null) {
				return found;
			}
		}
		throw new IllegalStateException("The Redis tests need a real redis-server, and none is on the PATH: install "
				+ "Debian's package with 'apt-get install -y redis-server' (or your system's redis-server package) and run again");
	}

	private static String onPath() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		Path usual = Path.of("/usr/bin/redis-server");
		return Files.isExecutable(usual) ? usual.toString() : null;
	}

	private static void run(String... command) {
		try {
			Process process = new ProcessBuilder(command).inheritIO().start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			// the message of executable() says what to do
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
