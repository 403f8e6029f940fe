package io.greenhub.reliability;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A green handler that computes without parking holds its hub's carrier: blocking
 * detection reports it, the other hub keeps answering, work stealing serves the other
 * connections of the hog's own hub meanwhile, and the held carrier serves again once the
 * hog ends.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class CpuHogTests {

	private static final Duration READ_BOUND = Duration.ofSeconds(20);

	private static final long HOG_MILLIS = 1500;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private Probes probes;

	@Test
	void aHogIsReportedTheOtherLoopKeepsAnsweringAndItsLoopRecovers(CapturedOutput output) throws Exception {
		Leftovers start = Leftovers.of(this.context);
		List<Socket> sockets = new ArrayList<>();
		try {
			// connections are accepted round robin: open them until two are served by
			// different hubs
			Socket hogged = open(sockets);
			String hoggedHub = hub(hogged);
			Socket other = null;
			for (int i = 0; i < 8 && other == null; i++) {
				Socket next = open(sockets);
				if (!hub(next).equals(hoggedHub)) {
					other = next;
				}
			}
			assertThat(other).as("a connection served by the other hub").isNotNull();
			long stallsBefore = stalls();
			this.probes.hogDone = false;
			send(hogged, "/hog/" + HOG_MILLIS);
			// the carrier the hog holds: its hub's, or that of a hub that had taken its
			// work over
			await("the hog reported").atMost(READ_BOUND).until(this::anyStalled);
			int answeredMeanwhile = 0;
			while (!this.probes.hogDone) {
				assertThat(read(other, "/hello")).contains("200 OK").doesNotContain(hoggedHub);
				if (!this.probes.hogDone) {
					answeredMeanwhile++;
				}
			}
			assertThat(answeredMeanwhile).as("answers by the other hub while the hog ran").isPositive();
			assertThat(readResponse(hogged)).contains("hogged true");
			assertThat(read(hogged, "/hello")).as("the hogged loop serves again").contains("hello from " + hoggedHub);
			await("the stall over").atMost(READ_BOUND).until(() -> !anyStalled());
			assertThat(stalls()).isGreaterThan(stallsBefore);
			// the hub whose carrier the hog holds: its own, or one that had taken its
			// work over as it began
			assertThat(output).contains("of group 'rel' has not run its event loop for")
				.contains("ReliabilityController.hog");
			for (Socket socket : sockets) {
				socket.close();
			}
			Leftovers end = start.awaitBack(this.context);
			Figures.record("cpu-hog", "a handler computing " + HOG_MILLIS + " ms on hub " + hoggedHub
					+ ": WARN with its stack, stalls counted " + (stalls() - stallsBefore) + ", stall time so far "
					+ this.hubs.hubs().stream().mapToLong((hub) -> hub.stallTime().toMillis()).sum()
					+ " ms; the other hub answered " + answeredMeanwhile
					+ " GET /hello meanwhile; the hogged hub answered right after; left over: " + end);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void otherConnectionsOfTheHogsOwnHubAreServedWhileItComputes(CapturedOutput output) throws Exception {
		Leftovers start = Leftovers.of(this.context);
		List<Socket> sockets = new ArrayList<>();
		try {
			// connections are accepted round robin: open them until two are served by the
			// same hub
			Socket hogged = open(sockets);
			String hoggedHub = hub(hogged);
			Socket neighbour = null;
			for (int i = 0; i < 8 && neighbour == null; i++) {
				Socket next = open(sockets);
				if (hub(next).equals(hoggedHub)) {
					neighbour = next;
				}
			}
			assertThat(neighbour).as("a second connection served by the hog's hub").isNotNull();
			this.probes.hogDone = false;
			send(hogged, "/hog-neighbours/" + HOG_MILLIS);
			// the carrier the hog holds: its hub's, or that of a hub that had taken its
			// work over
			await("the hog reported").atMost(READ_BOUND).until(this::anyStalled);
			int answeredMeanwhile = 0;
			while (!this.probes.hogDone) {
				assertThat(read(neighbour, "/hello")).contains("200 OK").contains("hello from " + hoggedHub);
				if (!this.probes.hogDone) {
					answeredMeanwhile++;
				}
			}
			assertThat(answeredMeanwhile).as("answers on the hog's own hub while the hog ran").isPositive();
			assertThat(readResponse(hogged)).contains("hogged true");
			await("the stall over").atMost(READ_BOUND).until(() -> !anyStalled());
			assertThat(output).contains("of group 'rel' has not run its event loop for")
				.contains("its other work is taken over by the carrier of hub")
				.contains("ReliabilityController.hogNeighbours");
			for (Socket socket : sockets) {
				socket.close();
			}
			Leftovers end = start.awaitBack(this.context);
			Figures.record("cpu-hog-neighbours",
					"a handler computing " + HOG_MILLIS + " ms on hub " + hoggedHub
							+ " with work stealing on: another connection of the same hub answered " + answeredMeanwhile
							+ " GET /hello meanwhile; left over: " + end);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private boolean anyStalled() {
		return this.hubs.hubs().stream().anyMatch((hub) -> !hub.currentStall().isZero());
	}

	private long stalls() {
		return this.hubs.hubs().stream().mapToLong(GreenHub::stallCount).sum();
	}

	private Socket open(List<Socket> sockets) throws IOException {
		Socket socket = RawHttp.open(this.port, READ_BOUND);
		sockets.add(socket);
		return socket;
	}

	private static String hub(Socket socket) throws IOException {
		return read(socket, "/hello").replaceAll("(?s).*hello from (\\S+).*", "$1");
	}

	private static void send(Socket socket, String path) throws IOException {
		socket.getOutputStream().write(RawHttp.ascii("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
	}

	private static String read(Socket socket, String path) throws IOException {
		send(socket, path);
		return readResponse(socket);
	}

	private static String readResponse(Socket socket) throws IOException {
		return RawHttp.readResponse(socket);
	}

}
