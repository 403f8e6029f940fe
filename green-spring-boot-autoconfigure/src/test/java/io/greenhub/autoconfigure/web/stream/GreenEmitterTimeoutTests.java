package io.greenhub.autoconfigure.web.stream;

import java.io.IOException;
import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.spring.web.GreenRequestDispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * {@code green.handler.stream-timeout} ends a streaming handler that runs too long: its
 * wait throws, its finally runs, and its stream, begun already, is aborted.
 */
@SpringBootTest(classes = StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=1", "green.handler.stream-timeout=300ms" })
class GreenEmitterTimeoutTests {

	@Autowired
	private GreenRequestDispatcher dispatcher;

	@Autowired
	private GreenHubGroup hubs;

	@LocalServerPort
	private int port;

	@BeforeEach
	void reset() {
		StreamingController.reset();
	}

	@Test
	void aStreamThatOutlivesTheStreamTimeoutIsAborted() throws IOException {
		long timedOut = this.dispatcher.timedOutCount();
		try (StreamSocket stream = StreamSocket.get(this.port, "/stream/parked")) {
			assertThat(stream.readEvent()).isEqualTo("data:first");
			// the handler waits on a future nothing completes: only the timeout ends it
			assertThatIOException().isThrownBy(stream::readEvent).withMessageContaining("aborted");
		}
		assertThat(StreamingController.unwound).succeedsWithin(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hubs.alive() == 0);
		assertThat(this.dispatcher.timedOutCount()).isEqualTo(timedOut + 1);
	}

}
