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
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away from {@code GET /aggregate} mid-request: its downstream c
 * answers after 10 s here and the request waits up to 15 s, so the calls are still
 * running when the client resets.
 */
@SampleTest
@TestPropertySource(properties = "sample.aggregate.delays.c=10s")
class AggregateClientGoneTests {

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
			out.write("GET /aggregate?timeout=15s HTTP/1.1\r\nHost: localhost\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			// the handler and its calls, c's for 10 s
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() >= before + 3);
			socket.setSoLinger(true, 0);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == before);
		assertThat(childrenKilled()).isGreaterThan(killedBefore);
	}

	private long childrenKilled() {
		return this.hubs.hubs().stream().mapToLong(GreenHub::childrenKilledCount).sum();
	}

}
