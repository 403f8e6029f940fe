package io.greenhub.docs.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.GreenServer;
import io.greenhub.tcp.LineTransport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The green TCP page's line server on a free loopback port, with a green client.
 */
class UpperCaseHandlerTests {

	@Test
	void eachLineIsAnsweredInUpperCaseUntilBye() throws Exception {
		try (GreenHubGroup hubs = GreenHubGroup.builder().name("tcp-docs").hubs(1).build();
				GreenServer server = GreenServer.bind(hubs, new InetSocketAddress("127.0.0.1", 0), new UpperCaseHandler())) {
			GreenThread<String> client = hubs.spawn(() -> converse(server.port()));
			assertThat(client.join(Duration.ofSeconds(10))).isEqualTo("HELLO|WORLD|bye|null");
		}
	}

	private static String converse(int port) throws IOException {
		try (LineTransport lines = new LineTransport(GreenClient.connect("127.0.0.1", port), StandardCharsets.UTF_8, 1024)) {
			lines.sendLine("hello");
			lines.sendLine("world");
			lines.sendLine("bye");
			return lines.readLine() + "|" + lines.readLine() + "|" + lines.readLine() + "|" + lines.readLine();
		}
	}

}
