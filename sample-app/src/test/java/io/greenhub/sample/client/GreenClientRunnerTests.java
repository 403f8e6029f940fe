package io.greenhub.sample.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The green client, enabled, against a real server that reads one line and answers two.
 */
@SampleTest
@ExtendWith(OutputCaptureExtension.class)
class GreenClientRunnerTests {

	private static ServerSocket server;

	/** What the server read from the client. */
	private static final CompletableFuture<String> received = new CompletableFuture<>();

	@DynamicPropertySource
	static void enableTheClient(DynamicPropertyRegistry registry) throws IOException {
		server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("lines-server").start(GreenClientRunnerTests::serveOne);
		registry.add("sample.client.enabled", () -> "true");
		registry.add("sample.client.host", () -> "127.0.0.1");
		registry.add("sample.client.port", server::getLocalPort);
		registry.add("sample.client.send[0]", () -> "hello from the runner");
	}

	private static void serveOne() {
		try (Socket connection = server.accept()) {
			connection.setSoTimeout(10_000);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
			received.complete(in.readLine());
			connection.getOutputStream().write("first line\nsecond line\n".getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			received.completeExceptionally(ex);
		}
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@Test
	void theClientSendsItsLinesAndLogsEveryLineItReadsUntilTheServerCloses(CapturedOutput output) throws Exception {
		assertThat(received.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("hello from the runner");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut())
				.contains("Green client connected to 127.0.0.1:" + server.getLocalPort())
				.contains("Green client read: first line")
				.contains("Green client read: second line")
				.contains("Green client: 127.0.0.1:" + server.getLocalPort() + " closed the connection"));
		assertThat(output.getOut().indexOf("Green client read: first line"))
			.isLessThan(output.getOut().indexOf("Green client read: second line"));
	}

}
