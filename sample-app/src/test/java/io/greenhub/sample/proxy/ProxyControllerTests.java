package io.greenhub.sample.proxy;

import java.io.IOException;
import java.net.ServerSocket;

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
			.route((routes) -> routes.get("/teapot", (request, response) -> response.status(418)
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
