package io.greenhub.sample.proxy;

import java.time.Duration;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A proxy handler that times out while it reads a body that trickles in forever, never
 * reaching the limit: the proxy's own bound on the body,
 * {@code sample.proxy.read-timeout}, closes the upstream connection, and the handler
 * stops reading.
 */
@SampleTest
@TestPropertySource(properties = { "green.handler.timeout=1s", "sample.proxy.read-timeout=2s" })
class ProxyTimeoutTests {

	@Autowired
	private WebTestClient client;

	@Test
	void aTimedOutProxyHandlerStopsReadingAndClosesTheUpstreamConnection() throws Exception {
		try (RawUpstream upstream = RawUpstream.tricklingBody()) {
			this.client.get()
				.uri("/proxy?url={url}", "http://127.0.0.1:" + upstream.port() + "/trickle")
				.exchange()
				.expectStatus()
				.is5xxServerError();
			assertThat(upstream.awaitClosed(Duration.ofSeconds(10))).as("the upstream connection is closed").isTrue();
		}
	}

}
