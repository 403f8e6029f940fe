package io.greenhub.sample.forward;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code sample.forward.port}, the forwarder's target is this application's own
 * HTTP port, whichever it is: here a random one.
 */
@SampleTest
class PortForwarderDefaultTargetTests {

	@Value("${local.green.tcp.servers.forward.port}")
	private int port;

	@Test
	void byDefaultConnectionsGoToTheApplicationsOwnHttpPort() throws IOException {
		try (Socket client = new Socket("127.0.0.1", this.port)) {
			client.setSoTimeout(10_000);
			client.getOutputStream()
				.write("GET /hello?name=forwarded HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 200 OK").contains("Hello, forwarded");
		}
	}

}
