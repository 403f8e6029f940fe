package io.greenhub.autoconfigure.web.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Green handlers, streaming ones, over HTTP/2 on TLS (h2, by ALPN), with a self-signed
 * certificate made for the test.
 */
@SpringBootTest(classes = StreamingApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=1", "server.http2.enabled=true", "server.ssl.key-store-type=PKCS12",
				"server.ssl.key-alias=" + TestKeyStore.ALIAS, "server.ssl.key-store-password=" + TestKeyStore.PASSWORD,
				"server.ssl.key-password=" + TestKeyStore.PASSWORD })
class GreenHttp2TlsTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void keyStore(DynamicPropertyRegistry registry) {
		registry.add("server.ssl.key-store", () -> "file:" + TestKeyStore.pkcs12());
	}

	private final HttpClient http = HttpClient.create()
		.protocol(HttpProtocol.H2)
		.secure((tls) -> tls.sslContext(Http2SslContextSpec.forClient()
			.configure((builder) -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))));

	@BeforeEach
	void reset() {
		StreamingController.reset();
	}

	@Test
	void aGreenHandlerAnswersOverHttp2WithTls() {
		String answer = this.http.get()
			.uri("https://localhost:" + this.port + "/stream/hello")
			.responseSingle((response, body) -> body.asString().map((text) -> response.version() + " " + text))
			.block(Duration.ofSeconds(30));
		assertThat(answer).isEqualTo("HTTP/2.0 green true");
	}

	@Test
	void aStreamIsWrittenOverHttp2WithTls() {
		List<String> versions = this.http.get()
			.uri("https://localhost:" + this.port + "/stream/events?count=500")
			.response((response, body) -> body.asString()
				.collectList()
				.flatMap(
						(chunks) -> Mono.just(response.version() + " " + String.join("", chunks).split("\n\n").length)))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(versions).containsExactly("HTTP/2.0 500");
		List<String> events = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(this.http))
			.build()
			.get()
			.uri("https://localhost:" + this.port + "/stream/events?count=500")
			.retrieve()
			.bodyToFlux(String.class)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(events).hasSize(500);
	}

	/**
	 * A TLS connection on which ALPN settles on HTTP/1.1 is guarded as a cleartext one
	 * is: an unknown HTTP version is answered 505 and the connection closed.
	 */
	@Test
	void anHttp11ConnectionNegotiatedByAlpnIsGuardedToo() throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
		try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setApplicationProtocols(new String[] { "http/1.1" });
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
			socket.getOutputStream()
				.write("GET /stream/hello HTTP/9.9\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			assertThat(readToTheEnd(socket.getInputStream())).startsWith("HTTP/1.1 505 ");
		}
	}

	private static String readToTheEnd(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
			bytes.write(buffer, 0, n);
		}
		return bytes.toString(StandardCharsets.US_ASCII);
	}

}
