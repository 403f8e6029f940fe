package io.greenhub.autoconfigure.web;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.greenhub.autoconfigure.KeptAliveConnection;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking detection over a real server: a green handler that computes 500 ms without
 * parking is reported with its stack, while the other hub's loop keeps serving.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.hub.blocking-detection.threshold=100ms" })
class GreenHandlerBlockingDetectionTests {

	@LocalServerPort
	private int port;

	@Test
	void aHandlerComputingWithoutParkingIsReportedWithItsStackWhileTheOtherHubServes() throws Exception {
		Logger watchdog = (Logger) LoggerFactory.getLogger("io.greenhub.internal.HubWatchdog");
		ListAppender<ILoggingEvent> reports = new ListAppender<>();
		reports.start();
		watchdog.addAppender(reports);
		List<Socket> sockets = new ArrayList<>();
		try {
			// connections are accepted round robin: open them until two are served by
			// different hubs
			Socket first = open(sockets);
			String firstHub = hub(first);
			Socket other = null;
			for (int i = 0; i < 8 && other == null; i++) {
				Socket next = open(sockets);
				if (!hub(next).equals(firstHub)) {
					other = next;
				}
			}
			assertThat(other).as("a connection served by the other hub").isNotNull();
			GreenController.computeDone = new java.util.concurrent.CompletableFuture<>();
			KeptAliveConnection.send(first, "/green/compute");
			assertThat(KeptAliveConnection.get(other, "/green/hello")).contains("green true on");
			assertThat(GreenController.computeDone).as("the compute handler is still holding its hub").isNotDone();
			assertThat(KeptAliveConnection.read(first)).contains("computed true");
			// other WARNs may come first, from a cold JVM's class loading on a loop
			await().atMost(java.time.Duration.ofSeconds(10)).until(() -> computeReport(reports) != null);
			assertThat(computeReport(reports)).contains("Hub '" + firstHub + "'");
		}
		finally {
			watchdog.detachAppender(reports);
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static @org.jspecify.annotations.Nullable String computeReport(ListAppender<ILoggingEvent> reports) {
		return reports.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.filter((message) -> message.contains("GreenController.compute"))
			.findFirst()
			.orElse(null);
	}

	private Socket open(List<Socket> sockets) throws Exception {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(10_000);
		sockets.add(socket);
		return socket;
	}

	private static String hub(Socket socket) throws Exception {
		return KeptAliveConnection.get(socket, "/green/hello").replaceAll("(?s).*green true on (\\S+).*", "$1");
	}

}
