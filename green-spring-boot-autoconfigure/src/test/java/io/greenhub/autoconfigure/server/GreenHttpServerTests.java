package io.greenhub.autoconfigure.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.web.GreenHandlerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's defences on raw sockets: a body that stops arriving, an unknown HTTP
 * version, a client that half-closes; for green and reactive handlers alike.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.server.read-timeout=500ms", "green.handler.timeout=30s" })
class GreenHttpServerTests {

	/** How long any read of a test waits at most. */
	private static final int READ_BOUND_MILLIS = 10_000;

	@LocalServerPort
	private int port;

	@Autowired
	private GreenHubGroup hubs;

	/**
	 * The request promises 100 bytes and sends 10: the connection is closed at the read
	 * timeout, long before the handler's own timeout, and the green handler waiting for
	 * the body ends.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/green/echo" })
	void aBodyThatStopsArrivingClosesItsConnectionAtTheReadTimeout(String path) throws Exception {
		try (Socket socket = open()) {
			send(socket, "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"item\":\"te");
			long start = System.nanoTime();
			readToTheEnd(socket);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/green/hello", "/reactive", "/no/such/path" })
	void aRequestOfAnUnknownHttpVersionIsAnswered505AndClosed(String path) throws Exception {
		for (String version : new String[] { "HTTP/9.9", "HTTP/1.2", "HTTP/2.0" }) {
			try (Socket socket = open()) {
				send(socket, "GET " + path + " " + version + "\r\nHost: x\r\n\r\n");
				String response = readToTheEnd(socket);
				assertThat(response).as(version).startsWith("HTTP/1.1 505 ");
			}
		}
	}

	/**
	 * The client sends its whole request and shuts its output down, as HTTP/1.0-style
	 * clients and {@code nc -N} do: it gets the answer, then the end of the stream.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/green/sleep/50", "/green/hello", "/reactive" })
	void aClientThatHalfClosesAfterItsRequestGetsTheAnswer(String path) throws Exception {
		List<ILoggingEvent> errors = errorsWhile(() -> {
			try (Socket socket = open()) {
				send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
				socket.shutdownOutput();
				String response = readToTheEnd(socket);
				assertThat(response).startsWith("HTTP/1.1 200 OK");
			}
		});
		assertThat(errors).as("ERROR lines").isEmpty();
	}

	private static List<ILoggingEvent> errorsWhile(ThrowingRunnable action) throws Exception {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		root.addAppender(log);
		try {
			action.run();
			// what the server logs after the connection closed
			Thread.yield();
		}
		finally {
			root.detachAppender(log);
		}
		return log.list.stream().filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

	/**
	 * The end of a client's input may as well be the client going away: a handler that
	 * has not answered within the half-close grace is cancelled, and the connection
	 * closed.
	 */
	@Test
	void aHandlerThatDoesNotAnswerWithinTheHalfCloseGraceIsCancelled() throws Exception {
		try (Socket socket = open()) {
			send(socket, "GET /green/wait HTTP/1.1\r\nHost: x\r\n\r\n");
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 1);
			socket.shutdownOutput();
			assertThat(readToTheEnd(socket)).isEmpty();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	/**
	 * A chunked body with a bad chunk size reaches a green handler that reads it: the
	 * client gets 400 and a closed connection, and the log has no ERROR and no stack for
	 * the client's mistake.
	 */
	@Test
	void anInvalidChunkedBodyIsA400LoggedAsTheClientsErrorWithoutAStack() throws Exception {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		ListAppender<ILoggingEvent> log = new ListAppender<>();
		log.start();
		root.addAppender(log);
		try {
			try (Socket socket = open()) {
				send(socket, "POST /green/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{\"item\":\"tea\"}\r\n0\r\n\r\n");
				assertThat(readToTheEnd(socket)).startsWith("HTTP/1.1 400 ");
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		}
		finally {
			root.detachAppender(log);
		}
		// blocking detection may report a stall of the loaded machine at any time: not
		// this test's matter
		List<ILoggingEvent> events = log.list.stream()
			.filter((event) -> !event.getLoggerName().equals("io.greenhub.internal.HubWatchdog"))
			.toList();
		assertThat(events).as("ERROR lines").noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR));
		assertThat(events).as("WARN lines with a stack")
			.noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null);
		assertThat(events).as("WARN lines")
			.filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.hasSizeLessThanOrEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/green/hello", "/reactive" })
	void aKeptAliveConnectionStillServesSeveralRequests(String path) throws Exception {
		try (Socket socket = open()) {
			for (int i = 0; i < 3; i++) {
				send(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
				assertThat(io.greenhub.autoconfigure.KeptAliveConnection.read(socket)).startsWith("HTTP/1.1 200 OK");
			}
		}
	}

	Socket open() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(READ_BOUND_MILLIS);
		return socket;
	}

	static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	/**
	 * Reads until the server closes (a reset counts); a read that waits past the bound
	 * fails.
	 */
	private static String readToTheEnd(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (SocketException reset) {
			// closed by a reset
		}
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

}
