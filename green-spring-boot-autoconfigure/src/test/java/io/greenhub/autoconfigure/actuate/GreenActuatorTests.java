package io.greenhub.autoconfigure.actuate;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.autoconfigure.CarrierHog;
import io.greenhub.autoconfigure.KeptAliveConnection;
import io.greenhub.autoconfigure.web.GreenHandlerApplication;
import io.greenhub.primitives.GreenEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code green} Actuator endpoint and health indicator in a whole application on a
 * real port.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "management.endpoints.web.exposure.include=green,health",
				"management.endpoint.health.show-components=always", "management.endpoint.health.show-details=always",
				"green.hub.blocking-detection.threshold=50ms", "green.health.stall-limit=200ms" })
@AutoConfigureWebTestClient
class GreenActuatorTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("greenHealthIndicator")
	private HealthIndicator health;

	@Test
	void theGreenEndpointShowsTheHubsAndAParkedHandlersStateAndStack() throws Exception {
		try (Socket waiting = new Socket("127.0.0.1", this.port)) {
			waiting.getOutputStream()
				.write("GET /green/wait HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 1);
			byte[] body = this.client.get()
				.uri("/actuator/green")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.name")
				.isEqualTo(this.hubs.name())
				.jsonPath("$.mode")
				.isEqualTo(this.hubs.mode().name().toLowerCase())
				.jsonPath("$.hubs.length()")
				.isEqualTo(2)
				.jsonPath("$.hubs[0].loopThread")
				.isNotEmpty()
				.jsonPath("$.hubs[0].stalls")
				.isNumber()
				.jsonPath("$.hubs[0].currentStallMillis")
				.isNumber()
				.jsonPath("$.hubs[0].lagMillis.p99")
				.isNumber()
				.jsonPath("$.hubs[0].greenThreads")
				.doesNotExist()
				.returnResult()
				.getResponseBody();
			assertThat(new String(body, StandardCharsets.UTF_8)).as("the summary lists no thread")
				.doesNotContain("waitForever");
			byte[] threads = this.client.get()
				.uri("/actuator/green/threads")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.alive")
				.isEqualTo(1)
				.jsonPath("$.listed")
				.isEqualTo(1)
				.jsonPath("$.limit")
				.isEqualTo(100)
				.jsonPath("$.greenThreads[0].hub")
				.isNotEmpty()
				// parked with a deadline: green.handler.timeout (30 s by default) limits
				// the wait
				.jsonPath("$.greenThreads[0].state")
				.isEqualTo("TIMED_WAITING")
				.returnResult()
				.getResponseBody();
			assertThat(new String(threads, StandardCharsets.UTF_8)).contains("GreenController.waitForever");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	/**
	 * With many green threads alive, the summary stays small and the list stops at its
	 * limit.
	 */
	@Test
	void theSummaryIsBoundedAndTheThreadListStopsAtItsLimit() throws Exception {
		GreenEvent<String> never = new GreenEvent<>("never");
		List<GreenThread<?>> parked = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				parked.add(this.hubs.spawn(never::await));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 300);
			byte[] summary = this.client.get()
				.uri("/actuator/green")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseBody();
			assertThat(summary.length).as("bytes of the summary").isLessThan(4096);
			this.client.get()
				.uri("/actuator/green/threads?limit=7")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.alive")
				.isEqualTo(300)
				.jsonPath("$.listed")
				.isEqualTo(7)
				.jsonPath("$.greenThreads.length()")
				.isEqualTo(7);
			String hub = this.hubs.hubs().get(1).name();
			this.client.get()
				.uri("/actuator/green/threads?hub={hub}&limit=1000", hub)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.greenThreads[0].hub")
				.isEqualTo(hub)
				.jsonPath("$.alive")
				.isEqualTo(this.hubs.hubs().get(1).alive());
			this.client.get().uri("/actuator/green/threads?limit=0").exchange().expectStatus().isBadRequest();
			this.client.get().uri("/actuator/green/threads?limit=1001").exchange().expectStatus().isBadRequest();
			this.client.get().uri("/actuator/green/threads?hub=nope").exchange().expectStatus().isNotFound();
			this.client.get().uri("/actuator/green/stacks").exchange().expectStatus().isNotFound();
		}
		finally {
			parked.forEach(GreenThread::kill);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
	}

	@Test
	void theHealthIndicatorIsUpWithDetailsAndDownWhileAHubIsHeldPastTheLimit() throws Exception {
		this.client.get()
			.uri("/actuator/health/green")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.hubs")
			.isEqualTo(2)
			.jsonPath("$.details.blockingDetection")
			.isEqualTo("on");
		// one kept-alive connection: the hub that serves it answers while the other one
		// is held
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			String serving = KeptAliveConnection.get(socket, "/green/hello")
				.replaceAll("(?s).*green true on (\\S+).*", "$1");
			GreenHub held = this.hubs.hubs()
				.stream()
				.filter((hub) -> !hub.name().equals(serving))
				.findFirst()
				.orElseThrow();
			CompletableFuture<Void> computing = new CompletableFuture<>();
			GreenThread<Long> hog = held.spawn(() -> computeWithoutParking(computing, Duration.ofSeconds(2)));
			computing.get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> held.currentStall().toMillis() > 300);
			String down = KeptAliveConnection.get(socket, "/actuator/health/green");
			assertThat(down).startsWith("HTTP/1.1 503").contains("\"DOWN\"").contains(held.name()).contains("200 ms");
			assertThat(hog.isDone()).isFalse();
			hog.join(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).until(() -> held.currentStall().isZero());
			assertThat(KeptAliveConnection.get(socket, "/actuator/health/green")).startsWith("HTTP/1.1 200")
				.contains("\"UP\"");
		}
		Health up = this.health.health(true);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
	}

	private static long computeWithoutParking(CompletableFuture<Void> started, Duration time) {
		started.complete(null);
		return CarrierHog.computeFor(time);
	}

}
