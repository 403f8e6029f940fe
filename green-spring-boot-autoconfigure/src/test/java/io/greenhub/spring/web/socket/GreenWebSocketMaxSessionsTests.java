package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code green.websocket.max-sessions}: an upgrade beyond it is answered 503 with
 * Retry-After and a problem detail (with {@code spring.webflux.problemdetails.enabled},
 * as a refused green request is), without a handshake, and the permit of an ended session
 * is free again.
 */
@SpringBootTest(classes = GreenWebSocketApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=1", "green.websocket.max-sessions=1", "green.handler.retry-after=3s",
				"spring.webflux.problemdetails.enabled=true" })
class GreenWebSocketMaxSessionsTests {

	@Autowired
	private GreenWebSocketHandlerAdapter adapter;

	@LocalServerPort
	private int port;

	@Test
	void anUpgradeBeyondTheLimitIsAnswered503AndAnEndedSessionFreesItsPermit() throws IOException {
		try (RawWebSocket first = new RawWebSocket(this.port, "/echo")) {
			assertThat(first.isUpgraded()).as(first.response()).isTrue();
			try (RawWebSocket second = new RawWebSocket(this.port, "/echo")) {
				assertThat(second.response()).startsWith("HTTP/1.1 503")
					.containsIgnoringCase("Retry-After: 3")
					.contains("application/problem+json");
			}
			assertThat(this.adapter.rejectedCount()).isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.adapter.activeSessions() == 0);
		try (RawWebSocket third = new RawWebSocket(this.port, "/echo")) {
			assertThat(third.isUpgraded()).as(third.response()).isTrue();
			third.sendText("again");
			assertThat(third.readFrame().text()).isEqualTo("again");
		}
	}

}
