package io.greenhub.sample.aggregate;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test profile's downstreams answer after 10ms (a), 20ms (b) and 800ms (c).
 */
@SampleTest
class AggregateControllerTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@LocalServerPort
	private int port;

	@Test
	void aClientThatGoesAwayMidRequestLeavesNoGreenThreadBehind() throws Exception {
		int before = this.hubs.alive();
		long killedBefore = childrenKilled();
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("GET /aggregate HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// the handler and its calls, c's for 800ms
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() >= before + 3);
			socket.setSoLinger(true, 0);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == before);
		assertThat(childrenKilled()).isGreaterThan(killedBefore);
	}

	private long childrenKilled() {
		return this.hubs.hubs().stream().mapToLong(GreenHub::childrenKilledCount).sum();
	}

	@Test
	void allPartsArriveWithinTheConfiguredTimeout() {
		this.client.get()
			.uri("/aggregate")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.parts.a")
			.isEqualTo("a answered after 10ms")
			.jsonPath("$.parts.b")
			.isEqualTo("b answered after 20ms")
			.jsonPath("$.parts.c")
			.isEqualTo("c answered after 800ms")
			.jsonPath("$.timedOut")
			.isEmpty()
			.jsonPath("$.failed")
			.isEmpty();
	}

	@Test
	void aPartLaterThanTheTimeoutIsMarkedAndTheOthersAreKept() {
		this.client.get()
			.uri("/aggregate?timeout=400ms")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.parts.a")
			.isEqualTo("a answered after 10ms")
			.jsonPath("$.parts.b")
			.isEqualTo("b answered after 20ms")
			.jsonPath("$.parts.c")
			.doesNotExist()
			.jsonPath("$.timedOut")
			.isEqualTo(java.util.List.of("c"));
	}

	@Test
	void aBadTimeoutIsABadRequest() {
		this.client.get().uri("/aggregate?timeout=soon").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/aggregate?timeout=1h").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aDownstreamAnswersAfterItsDelay() {
		this.client.get()
			.uri("/downstream/x?delay=5ms")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("x answered after 5ms");
		this.client.get().uri("/downstream/x?delay=11s").exchange().expectStatus().isBadRequest();
	}

}
