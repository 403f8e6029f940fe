package io.greenhub.sample.proxy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SampleTest
class ProxyControllerTests {

	/** A real downstream on a free loopback port. */
	private static DisposableServer downstream;

	@Autowired
	private WebTestClient client;

	@BeforeAll
	static void startDownstream() {
		downstream = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/teapot",
					(request, response) -> response.status(418)
						.header("X-Downstream", "yes")
						.header("Keep-Alive", "timeout=5")
						.header("Proxy-Authenticate", "Basic realm=\"downstream\"")
						.header("Connection", "keep-alive, X-Private")
						.header("X-Private", "for this hop only")
						.header("Content-Type", "text/plain")
						.sendString(Mono.just("short and stout"))))
			.bindNow();
	}

	@AfterAll
	static void stopDownstream() {
		downstream.disposeNow();
	}

	@Test
	void theStatusTheEndToEndHeadersAndTheBodyAreForwarded() {
		this.client.get()
			.uri("/proxy?url={url}", "http://127.0.0.1:" + downstream.port() + "/teapot")
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.valueEquals("X-Downstream", "yes")
			.expectHeader()
			.doesNotExist("Keep-Alive")
			.expectHeader()
			.doesNotExist("Proxy-Authenticate")
			.expectHeader()
			.doesNotExist("X-Private")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("short and stout");
	}

	@Test
	void localhostIsAllowedByTheTestsListToo() {
		this.client.get()
			.uri("/proxy?url={url}", "http://localhost:" + downstream.port() + "/missing")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "ftp://127.0.0.1/pub", "gopher://127.0.0.1/", "127.0.0.1/teapot" })
	void otherSchemesThanHttpAndHttpsAreBadRequests(String url) {
		this.client.get()
			.uri("/proxy?url={url}", url)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail).asString().startsWith("Only http and https URLs are proxied"));
	}

	@Test
	void aHostOffTheAllowListIsForbidden() {
		this.client.get()
			.uri("/proxy?url={url}", "https://not-allowed.example/")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Host 'not-allowed.example' is not in sample.proxy.allowed-hosts");
	}

	@Test
	void aMalformedOrMissingUrlIsABadRequest() {
		this.client.get().uri("/proxy?url={url}", "http://127.0.0.1:80/a b").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/proxy").exchange().expectStatus().isBadRequest();
	}

	/**
	 * An endless body: the proxy stops at {@code sample.proxy.max-body-size}, answers 502
	 * and closes the upstream connection, instead of draining it to its end.
	 */
	@Test
	void anEndlessUpstreamBodyIsAbortedAtTheLimitNotDrained() throws Exception {
		try (RawUpstream upstream = RawUpstream.endlessBody()) {
			this.client.get()
				.uri("/proxy?url={url}", "http://127.0.0.1:" + upstream.port() + "/endless")
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectBody()
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail).asString().contains("larger than sample.proxy.max-body-size"));
			assertThat(upstream.awaitClosed(Duration.ofSeconds(10))).as("the upstream connection is closed").isTrue();
			assertThat(upstream.written()).as("bytes the upstream wrote").isLessThan(64L * 1024 * 1024);
		}
	}

	/**
	 * A body that trickles in forever, never reaching the limit, is cut off at
	 * {@code sample.proxy.read-timeout} (5 s here, shorter than the handler's timeout):
	 * 504, and the upstream connection closed.
	 */
	@Test
	void aBodyThatTricklesForeverIsCutOffAtTheReadTimeout() throws Exception {
		try (RawUpstream upstream = RawUpstream.tricklingBody()) {
			this.client.mutate()
				.responseTimeout(Duration.ofSeconds(20))
				.build()
				.get()
				.uri("/proxy?url={url}", "http://127.0.0.1:" + upstream.port() + "/trickle")
				.exchange()
				.expectStatus()
				.isEqualTo(504)
				.expectBody()
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail).asString().contains("longer than sample.proxy.read-timeout"));
			assertThat(upstream.awaitClosed(Duration.ofSeconds(10))).as("the upstream connection is closed").isTrue();
		}
	}

	/**
	 * {@code https://} to a port that speaks something else: the TLS failure names the
	 * bytes it read; the problem detail must not carry them to the client.
	 */
	@Test
	void aBadGatewayDetailCarriesNothingTheTargetSent() throws Exception {
		try (RawUpstream banner = RawUpstream.banner("SSH-2.0-OpenSSH_9.9 secret-banner\r\n")) {
			this.client.get()
				.uri("/proxy?url={url}", "https://127.0.0.1:" + banner.port() + "/")
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("The target could not be reached or did not answer in time");
		}
	}

	@Test
	void aTargetThatRefusesTheConnectionIsABadGateway() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.client.get()
			.uri("/proxy?url={url}", "http://127.0.0.1:" + closedPort + "/")
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
