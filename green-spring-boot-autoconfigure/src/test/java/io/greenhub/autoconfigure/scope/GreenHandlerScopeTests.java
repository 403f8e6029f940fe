package io.greenhub.autoconfigure.scope;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenHubGroup;
import io.greenhub.primitives.GreenPile;
import io.greenhub.spring.GreenHandler;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.GreenTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A green handler's request is a scope: what the handler fans out to a downstream that
 * never answers is killed with it when the client goes away or the handler timeout
 * passes.
 */
@SpringBootTest(classes = GreenHandlerScopeTests.FanOutApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.handler.timeout=2s" })
@AutoConfigureWebTestClient
class GreenHandlerScopeTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		FanOutController.unwound = new CountDownLatch(3);
		FanOutController.requestIdsSeen.clear();
	}

	@AfterAll
	static void stopDownstream() {
		NeverAnswering.stop();
	}

	@Test
	void aClientThatGoesAwayHasEveryCallItsHandlerFannedOutKilled() throws Exception {
		int acceptedBefore = NeverAnswering.accepted.get();
		int closedBefore = NeverAnswering.closed.get();
		double killedBefore = childrenKilled();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /fan-out HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(WAIT).until(() -> NeverAnswering.accepted.get() - acceptedBefore == 3);
			socket.setSoLinger(true, 0);
		}
		assertThat(FanOutController.unwound.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> NeverAnswering.closed.get() - closedBefore == 3);
		await().atMost(WAIT).until(() -> this.hubs.alive() == 0);
		assertThat(childrenKilled()).isEqualTo(killedBefore + 3);
		assertThat(FanOutController.requestIdsSeen).containsExactly("fan-out", "fan-out", "fan-out");
	}

	@Test
	void aHandlerTimeoutHasEveryCallItsHandlerFannedOutKilled() throws Exception {
		int closedBefore = NeverAnswering.closed.get();
		double killedBefore = childrenKilled();
		this.client.mutate()
			.responseTimeout(WAIT)
			.build()
			.get()
			.uri("/fan-out")
			.exchange()
			.expectStatus()
			// 503 or 504, as the dispatch answers a timeout: what matters here is what it
			// kills
			.is5xxServerError();
		assertThat(FanOutController.unwound.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		await().atMost(WAIT).until(() -> NeverAnswering.closed.get() - closedBefore == 3);
		await().atMost(WAIT).until(() -> this.hubs.alive() == 0);
		assertThat(childrenKilled()).isEqualTo(killedBefore + 3);
	}

	private double childrenKilled() {
		return this.meters.find("green.threads.children.killed")
			.functionCounters()
			.stream()
			.mapToDouble(FunctionCounter::count)
			.sum();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(FanOutController.class)
	static class FanOutApplication {

	}

	@RestController
	@GreenHandler
	static class FanOutController {

		static volatile CountDownLatch unwound = new CountDownLatch(3);

		static final List<String> requestIdsSeen = new CopyOnWriteArrayList<>();

		@GetMapping("/fan-out")
		String fanOut() {
			MDC.put("requestId", "fan-out");
			GreenPile<String> calls = new GreenPile<>();
			for (int i = 0; i < 3; i++) {
				calls.spawn(this::call);
			}
			StringBuilder answers = new StringBuilder();
			for (String answer : calls) {
				answers.append(answer);
			}
			return answers.toString();
		}

		private String call() throws Exception {
			requestIdsSeen.add(String.valueOf(MDC.get("requestId")));
			try (GreenTransport downstream = GreenClient.connect("127.0.0.1", NeverAnswering.port())) {
				downstream.write("GET /never HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				return new String(downstream.read(1024), StandardCharsets.US_ASCII);
			}
			finally {
				unwound.countDown();
			}
		}

	}

	/**
	 * A real HTTP server on loopback that accepts every request and never answers,
	 * counting the connections it accepted and those closed since.
	 */
	static final class NeverAnswering {

		static final AtomicInteger accepted = new AtomicInteger();

		static final AtomicInteger closed = new AtomicInteger();

		private static DisposableServer server;

		private NeverAnswering() {
		}

		static synchronized int port() {
			if (server == null) {
				server = HttpServer.create().host("127.0.0.1").port(0).doOnConnection((connection) -> {
					accepted.incrementAndGet();
					connection.onDispose(closed::incrementAndGet);
				}).handle((request, response) -> Mono.never()).bindNow(WAIT);
			}
			return server.port();
		}

		static synchronized void stop() {
			if (server != null) {
				server.disposeNow(WAIT);
				server = null;
			}
		}

	}

}
