package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.greenhub.HubMode;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Green WebSocket sessions from the upgrade on: where they run, the messages they receive
 * and send, what the upgrade request hands on, their meters, and many at once.
 */
class GreenWebSocketSessionTests extends AbstractGreenWebSocketTests {

	@Test
	void anEchoRunsOnAGreenThreadOfTheHubWhoseLoopOwnsTheConnection() throws IOException {
		assertThat(this.hubs.mode()).isEqualTo(expectedMode());
		for (int i = 0; i < 4; i++) {
			try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
				assertThat(socket.isUpgraded()).as(socket.response()).isTrue();
				socket.sendText("where");
				assertThat(socket.readFrame().text()).matches("green-[01] owns the connection: true, green: true");
				socket.sendText("hello");
				assertThat(socket.readFrame().text()).isEqualTo("hello");
			}
		}
	}

	HubMode expectedMode() {
		return HubMode.LOOP;
	}

	/**
	 * Reactor Netty stops a request's read timeout ({@code green.server.read-timeout})
	 * once the request has been read to its end: an upgrade made before that would leave
	 * the timeout on the WebSocket connection, which it would close after the timeout
	 * without a message.
	 */
	@Test
	void theRequestsReadTimeoutDoesNotOutliveTheUpgrade() throws IOException {
		for (int i = 0; i < 4; i++) {
			try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
				socket.sendText("pipeline");
				assertThat(socket.readFrame().text()).contains("wsdecoder").doesNotContain("readTimeout");
			}
		}
	}

	@Test
	void textAndBinaryMessagesComeBackAsTheyWereSentByAClientLibrary() {
		byte[] bytes = { 0, 1, 2, (byte) 0xFF, 42 };
		List<String> received = new ArrayList<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://127.0.0.1:" + this.port + "/echo"),
					(session) -> session
						.send(Flux.just(session.textMessage("héllo, wörld"),
								session.binaryMessage((factory) -> factory.wrap(bytes))))
						.thenMany(session.receive()
							.take(2)
							.map((message) -> message.getType() + ":"
									+ ((message.getType() == WebSocketMessage.Type.TEXT) ? message.getPayloadAsText()
											: java.util.HexFormat.of().formatHex(toBytes(message)))))
						.doOnNext(received::add)
						.then())
			.block(BOUND);
		assertThat(received).containsExactly("TEXT:héllo, wörld", "BINARY:000102ff2a");
	}

	private static byte[] toBytes(WebSocketMessage message) {
		byte[] bytes = new byte[message.getPayload().readableByteCount()];
		message.getPayload().read(bytes);
		return bytes;
	}

	@Test
	void aLargeMessageInFragmentsIsReceivedWhole() throws IOException {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			byte[] part = "x".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
			socket.sendFrame(RawWebSocket.TEXT, part, true);
			socket.sendFrame(0x00, part, true);
			socket.sendFrame(0x80, part, true);
			StringBuilder echoed = new StringBuilder();
			RawWebSocket.Frame frame;
			do {
				frame = socket.readFrame();
				echoed.append(frame.text());
			}
			while (!frame.fin());
			assertThat(echoed.toString()).hasSize(60_000).matches("x+");
		}
	}

	@Test
	void aThousandSessionsAreOpenAtOnceAndAllEnd() throws IOException {
		List<RawWebSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < 1000; i++) {
				RawWebSocket socket = new RawWebSocket(this.port, "/echo");
				assertThat(socket.isUpgraded()).as(socket.response()).isTrue();
				sockets.add(socket);
			}
			await().atMost(BOUND).untilAsserted(() -> assertThat(this.adapter.activeSessions()).isEqualTo(1000));
			await().atMost(BOUND).untilAsserted(() -> assertThat(this.hubs.alive()).isEqualTo(1000));
			for (int i = 0; i < sockets.size(); i++) {
				sockets.get(i).sendText("session " + i);
			}
			for (int i = 0; i < sockets.size(); i++) {
				assertThat(sockets.get(i).readFrame().text()).isEqualTo("session " + i);
			}
			for (RawWebSocket socket : sockets) {
				socket.sendClose(1000, "");
			}
			for (RawWebSocket socket : sockets) {
				assertThat(socket.readUntilClose().closeCode()).isEqualTo(1000);
			}
		}
		finally {
			for (RawWebSocket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void theUpgradeRequestsContextReachesTheSessionsGreenThread() throws IOException {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo", 0, "X-User: alice")) {
			socket.sendText("who");
			assertThat(socket.readFrame().text()).isEqualTo("alice alice");
		}
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendText("who");
			assertThat(socket.readFrame().text()).as("nothing leaks from one session to another")
				.isEqualTo("null null");
		}
	}

	@Test
	void theMetersCountSessionsAndMessages() throws IOException {
		double received = messages("received");
		double sent = messages("sent");
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendText("one");
			socket.sendText("two");
			socket.readFrame();
			socket.readFrame();
			assertThat(this.meters.get("green.websocket.sessions.active").gauge().value()).isEqualTo(1);
		}
		// counted by the sessions' green threads as they return from receive and send
		await().atMost(BOUND).until(() -> messages("received") == received + 2 && messages("sent") == sent + 2);
		await().atMost(BOUND).until(() -> this.meters.get("green.websocket.sessions.active").gauge().value() == 0);
	}

	private double messages(String direction) {
		return this.meters.get("green.websocket.messages").tag("direction", direction).functionCounter().count();
	}

	@Test
	void aRequestWithoutAnUpgradeIsAnsweredAsWebFluxWouldAndHoldsNoSession() throws IOException {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
			assertThat(status).isEqualTo("HTTP/1.1 400");
		}
		await().atMost(BOUND).until(() -> this.adapter.activeSessions() == 0);
		assertThat(GreenWebSocketApplication.closes).isEmpty();
	}

}
