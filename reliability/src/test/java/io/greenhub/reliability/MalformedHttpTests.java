package io.greenhub.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed HTTP on raw sockets: each gets the right 4xx or a closed connection within a
 * bound, while another client is served throughout, and nothing is left behind.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedHttpTests {

	/** How long the server may take to answer or close. */
	private static final Duration BOUND = Duration.ofSeconds(30);

	private static final Set<String> outcomes = ConcurrentHashMap.newKeySet();

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private Leftovers start;

	private Bystander bystander;

	@BeforeEach
	void startBystander() throws IOException {
		this.start = Leftovers.of(this.context);
		this.bystander = new Bystander(this.port);
		await().atMost(BOUND).until(() -> this.bystander.answered() > 0);
	}

	@AfterEach
	void nothingLeftBehind() throws IOException {
		long before = this.bystander.answered();
		await("the bystander served after the bad request").atMost(BOUND)
			.until(() -> this.bystander.answered() > before);
		this.bystander.close();
		assertThat(this.bystander.failure()).isNull();
		this.start.awaitBack(this.context);
	}

	@AfterAll
	static void figures() {
		Figures.record("malformed-http", String.join("; ", outcomes.stream().sorted().toList()));
	}

	static Stream<MalformedRequest> malformedRequests() {
		String bigHeader = "X-Big: " + "a".repeat(20_000) + "\r\n";
		return Stream.of(new MalformedRequest("bad request line", "GARBAGE\r\n\r\n", Set.of("400", RawHttp.CLOSED)),
				new MalformedRequest("unknown HTTP version", "GET /hello HTTP/9.9\r\nHost: x\r\n\r\n",
						Set.of("400", "505", RawHttp.CLOSED)),
				new MalformedRequest("oversized header", "GET /hello HTTP/1.1\r\nHost: x\r\n" + bigHeader + "\r\n",
						Set.of("431", "400", RawHttp.CLOSED)),
				new MalformedRequest("oversized URI",
						"GET /hello?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
						Set.of("414", "400", RawHttp.CLOSED)),
				new MalformedRequest("invalid chunked encoding",
						"POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
								+ "ZZZ\r\n{\"item\":\"tea\"}\r\n0\r\n\r\n",
						Set.of("400", RawHttp.CLOSED)),
				new MalformedRequest("invalid JSON to a green @RequestBody",
						"POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
								+ "{\"item\": tea,",
						Set.of("400")),
				new MalformedRequest("JSON of the wrong shape to a green @RequestBody",
						"POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
								+ "[1, 2, 3, 4, 5]",
						Set.of("400")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedRequests")
	void aMalformedRequestGetsA4xxOrAClosedConnection(MalformedRequest request) throws IOException {
		try (Socket socket = RawHttp.open(this.port, BOUND)) {
			socket.getOutputStream().write(RawHttp.ascii(request.text()));
			String outcome = RawHttp.statusOrClosed(socket);
			outcomes.add(request.name() + " -> " + outcome);
			assertThat(outcome).as(request.name()).isIn(request.accepted());
		}
	}

	@Test
	void aBodyCutShortByTheClientClosingItsOutputIsAnsweredOrClosed() throws IOException {
		try (Socket socket = RawHttp.open(this.port, BOUND)) {
			socket.getOutputStream()
				.write(RawHttp.ascii("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 100\r\n\r\n{\"item\":\"te"));
			socket.shutdownOutput();
			String outcome = RawHttp.statusOrClosed(socket);
			outcomes.add("truncated body, then FIN -> " + outcome);
			assertThat(outcome).isIn("400", RawHttp.CLOSED);
		}
	}

	@Test
	void aBodyCutShortByASilentClientIsAnsweredOrClosedWithinTheBound() throws IOException {
		try (Socket socket = RawHttp.open(this.port, BOUND)) {
			socket.getOutputStream()
				.write(RawHttp.ascii("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 100\r\n\r\n{\"item\":\"te"));
			String outcome = RawHttp.statusOrClosed(socket);
			outcomes.add("truncated body, then silence -> " + outcome);
			assertThat(outcome).isIn("400", "408", "503", RawHttp.CLOSED);
		}
	}

	@Test
	void aSlowlorisTricklingItsHeadersIsClosedWithinTheBound() throws Exception {
		try (Socket socket = RawHttp.open(this.port, BOUND)) {
			OutputStream out = socket.getOutputStream();
			out.write(RawHttp.ascii("GET /hello HTTP/1.1\r\nHost: x\r\n"));
			long deadline = System.nanoTime() + BOUND.toNanos();
			byte[] trickle = RawHttp.ascii("X-Trickle: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
			int trickled = 0;
			String outcome = null;
			try {
				// one header byte every 100 ms, never ending the headers
				while (System.nanoTime() < deadline) {
					out.write(trickle[trickled % trickle.length]);
					out.flush();
					trickled++;
					socket.setSoTimeout(100);
					try {
						outcome = RawHttp.statusOrClosed(socket);
						break;
					}
					catch (java.net.SocketTimeoutException stillOpen) {
						// the server is still listening to the trickle
					}
				}
			}
			catch (IOException reset) {
				outcome = RawHttp.CLOSED;
			}
			outcomes.add("slowloris, one byte per 100 ms -> " + outcome + " after " + trickled + " bytes");
			assertThat(outcome).as("answer to a slowloris within " + BOUND).isIn("408", "400", "431", RawHttp.CLOSED);
		}
	}

	record MalformedRequest(String name, String text, Set<String> accepted) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
