package io.greenhub.sample.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forwarder on a free port, forwarding to a real echo server.
 */
@SampleTest
class PortForwarderTests {

	private static EchoServer echo;

	@Value("${local.green.tcp.servers.forward.port}")
	private int port;

	@DynamicPropertySource
	static void forwardToTheEchoServer(DynamicPropertyRegistry registry) throws IOException {
		echo = new EchoServer();
		registry.add("sample.forward.host", () -> "127.0.0.1");
		registry.add("sample.forward.port", echo::port);
	}

	@AfterAll
	static void stopEcho() throws IOException {
		echo.close();
	}

	@Test
	void aHalfCloseGoesThroughAndTheAnswerComesBackBeforeTheEnd() throws IOException {
		try (Socket client = connect()) {
			client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
			client.shutdownOutput();
			assertThat(new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ping");
		}
	}

	/**
	 * The client half-closes as soon as it has sent the payload, while most of the echo
	 * still flows back through the forwarder: nothing of it is lost.
	 */
	@Test
	void aLargePayloadIsCopiedBothWaysIntactAcrossAHalfClose() throws Exception {
		byte[] payload = new byte[16 * 1024 * 1024];
		new Random(7).nextBytes(payload);
		try (Socket client = connect()) {
			OutputStream out = client.getOutputStream();
			CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
				try {
					out.write(payload);
					client.shutdownOutput();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			byte[] echoed = client.getInputStream().readAllBytes();
			sent.get(30, TimeUnit.SECONDS);
			assertThat(echoed.length).isEqualTo(payload.length);
			assertThat(echoed).isEqualTo(payload);
		}
	}

	@Test
	void severalConnectionsAreForwardedAtOnce() throws Exception {
		try (Socket first = connect(); Socket second = connect()) {
			first.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
			second.getOutputStream().write("second".getBytes(StandardCharsets.US_ASCII));
			assertThat(new String(second.getInputStream().readNBytes(6), StandardCharsets.US_ASCII))
				.isEqualTo("second");
			assertThat(new String(first.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("first");
		}
	}

	private Socket connect() throws IOException {
		Socket client = new Socket("127.0.0.1", this.port);
		client.setSoTimeout(30_000);
		return client;
	}

}
