package io.greenhub.spring.web.socket;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.awaitility.Awaitility.await;

/**
 * Green WebSocket sessions in a whole WebFlux application, over real sockets: a client
 * library's and a raw one that writes frames by hand. The hubs run in loop mode
 * ({@code auto}, with the build's {@code --add-opens});
 * {@link GreenWebSocketPoolModeTests} runs every test of the subclasses again in pool
 * mode. The subclasses share one application context.
 */
@SpringBootTest(classes = GreenWebSocketApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.websocket.close-timeout=1s" })
abstract class AbstractGreenWebSocketTests {

	static final Duration BOUND = Duration.ofSeconds(20);

	@Autowired
	GreenHubGroup hubs;

	@Autowired
	GreenWebSocketHandlerAdapter adapter;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@BeforeEach
	void clearProbes() {
		GreenWebSocketApplication.closes.clear();
		GreenWebSocketApplication.floods.clear();
	}

	/** No session, and no green thread, outlives its test. */
	@AfterEach
	void everySessionAndGreenThreadHasEnded() {
		await().atMost(BOUND).until(() -> this.adapter.activeSessions() == 0 && this.hubs.alive() == 0);
	}

}
