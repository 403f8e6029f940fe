package io.greenhub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.tcp.GreenServer;
import io.greenhub.tcp.GreenTransport;
import io.greenhub.tcp.LineTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work stealing in loop mode: while a green thread computes without parking on hub A,
 * another hub's free carrier serves A's other connections; with work stealing off they
 * wait for it.
 */
class WorkStealingTests {

	private static final Duration HOG = Duration.ofSeconds(2);

	@RegisterExtension
	final CapturedWarnings warnings = new CapturedWarnings("io.greenhub.internal.HubWatchdog");

	@Test
	void anotherConnectionOfAHeldHubIsAnsweredWhileTheComputationStillRuns() throws Exception {
		try (GreenHubGroup group = open(true); Connections connections = new Connections()) {
			assertThat(group.workStealingThreshold()).isEqualTo(Duration.ofMillis(1));
			try (GreenServer server = GreenServer.bind(group, new InetSocketAddress("127.0.0.1", 0),
					connections::serve)) {
				List<Client> held = connections.twoOnOneHub(server.port());
				held.get(0).send("hog");
				connections.hogStarted.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
				assertThat(held.get(1).call("ping")).isEqualTo("pong from " + held.get(1).hub);
				assertThat(connections.hogDone).as("the computation still runs").isNotDone();
				// the carrier the computation holds (its hub's, or a thief's that took it
				// over before it began) is reported while the computation still holds it:
				// the WARN says who serves the held hub's connections at that moment
				awaitWarningAboutTheHog();
				connections.stopHog.complete(null);
				assertThat(held.get(0).receive()).isEqualTo("hogged");
				assertThat(group.hubs()).anySatisfy((hub) -> assertThat(hub.stallCount()).isPositive());
				assertThat(this.warnings.messages())
					.anySatisfy((warning) -> assertThat(warning).contains("holds it without parking")
						.contains("its other work is taken over by the carrier of hub")
						.contains("Connections.hog"));
			}
		}
	}

	@Test
	void withWorkStealingOffAnotherConnectionOfAHeldHubWaitsForTheComputation() throws Exception {
		try (GreenHubGroup group = open(false); Connections connections = new Connections()) {
			assertThat(group.workStealingThreshold()).isZero();
			try (GreenServer server = GreenServer.bind(group, new InetSocketAddress("127.0.0.1", 0),
					connections::serve)) {
				List<Client> held = connections.twoOnOneHub(server.port());
				held.get(0).send("hog");
				connections.hogStarted.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
				assertThat(held.get(1).call("ping")).isEqualTo("pong from " + held.get(1).hub);
				assertThat(connections.hogDone).as("the computation has ended").isDone();
				assertThat(held.get(0).receive()).isEqualTo("hogged");
				awaitWarningAboutTheHog();
				assertThat(this.warnings.messages())
					.anySatisfy((warning) -> assertThat(warning).contains("Hub '" + held.get(0).hub + "'")
						.contains("holds it without parking")
						.contains("every connection of the hub waits meanwhile")
						.contains("Connections.hog"));
			}
		}
	}

	@Test
	void noThreadOfTheGroupWatchesTheCarriersForATakeOver() throws Exception {
		try (GreenHubGroup group = open(true)) {
			assertThat(group.workStealingThreshold()).isPositive();
			assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.filteredOn((name) -> name.startsWith(group.name() + "-"))
				.as("the group's own platform threads")
				.isNotEmpty()
				.noneMatch((name) -> name.endsWith("-stealing"));
		}
	}

	/**
	 * Waits for the watchdog's WARN about the stall the computation causes: it counts a
	 * stall (and {@link GreenHub#currentStall()} shows it) just before it writes the
	 * WARN, which may therefore come a little after.
	 */
	private void awaitWarningAboutTheHog() {
		await().atMost(TestHubs.WAIT)
			.until(() -> this.warnings.messages().stream().anyMatch((warning) -> warning.contains("Connections.hog")));
	}

	private static GreenHubGroup open(boolean workStealing) {
		return GreenHubGroup.builder()
			.name("stealing-" + (workStealing ? "on" : "off"))
			.hubs(2)
			.mode(HubMode.LOOP)
			.workStealing(workStealing)
			.shutdownGracePeriod(Duration.ofSeconds(1))
			.build();
	}

	/**
	 * The server's side, a line protocol: each connection says its hub, then answers
	 * {@code ping} with {@code pong} and {@code hog} by computing without parking for 2 s
	 * (or until stopped).
	 */
	static final class Connections implements AutoCloseable {

		final CompletableFuture<Void> hogStarted = new CompletableFuture<>();

		final CompletableFuture<Void> hogDone = new CompletableFuture<>();

		final CompletableFuture<Void> stopHog = new CompletableFuture<>();

		private final List<Client> clients = new ArrayList<>();

		void serve(GreenTransport transport) throws Exception {
			LineTransport lines = new LineTransport(transport);
			String hub = Green.currentHub().name();
			lines.sendLine(hub);
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.equals("hog")) {
					hog();
					lines.sendLine("hogged");
				}
				else {
					lines.sendLine("pong from " + hub);
				}
			}
		}

		private void hog() {
			this.hogStarted.complete(null);
			long end = System.nanoTime() + HOG.toNanos();
			long spins = 0;
			while (System.nanoTime() < end && !this.stopHog.isDone()) {
				spins++;
			}
			this.hogDone.complete(null);
			assertThat(spins).isPositive();
		}

		/**
		 * Opens connections until two are served by the same hub (they are accepted round
		 * robin).
		 */
		List<Client> twoOnOneHub(int port) throws IOException {
			for (int i = 0; i < 8; i++) {
				Client next = new Client(port);
				this.clients.add(next);
				for (Client earlier : this.clients) {
					if (earlier != next && earlier.hub.equals(next.hub)) {
						return List.of(earlier, next);
					}
				}
			}
			throw new AssertionError("no two of 8 connections on one hub");
		}

		@Override
		public void close() throws IOException {
			this.stopHog.complete(null);
			for (Client client : this.clients) {
				client.socket.close();
			}
		}

	}

	/**
	 * A blocking client on the test's thread; every read is bounded.
	 */
	static final class Client {

		final Socket socket;

		final BufferedReader in;

		final String hub;

		Client(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.socket.setSoTimeout((int) TestHubs.WAIT.toMillis());
			this.in = new BufferedReader(
					new InputStreamReader(this.socket.getInputStream(), StandardCharsets.US_ASCII));
			this.hub = receive();
		}

		void send(String line) throws IOException {
			this.socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			this.socket.getOutputStream().flush();
		}

		String receive() throws IOException {
			return this.in.readLine();
		}

		String call(String line) throws IOException {
			send(line);
			return receive();
		}

	}

}
