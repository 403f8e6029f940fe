package io.greenhub.autoconfigure.server;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.greenhub.autoconfigure.web.GreenHandlerApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's defences of {@link GreenHttpServerTests} with
 * {@code server.http2.enabled}, where a cleartext connection may upgrade to h2c: its
 * HTTP/1.1 requests are guarded as they are without HTTP/2, and the upgrade itself still
 * works.
 */
@SpringBootTest(classes = GreenHandlerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.server.read-timeout=500ms", "green.handler.timeout=30s",
				"server.http2.enabled=true" })
class GreenHttpServerH2cTests extends GreenHttpServerTests {

	@Test
	void anUpgradeToH2cIsStillSwitched() throws Exception {
		try (Socket socket = open()) {
			send(socket, "GET /green/hello HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
					+ "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
			byte[] head = new byte[34];
			int read = 0;
			while (read < head.length) {
				int n = socket.getInputStream().read(head, read, head.length - read);
				assertThat(n).as("bytes before the end of the stream").isPositive();
				read += n;
			}
			assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 Switching Protocols");
		}
	}

}
