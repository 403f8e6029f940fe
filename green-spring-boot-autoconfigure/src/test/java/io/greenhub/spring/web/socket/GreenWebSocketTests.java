package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.HubMode;
import io.greenhub.spring.web.socket.GreenWebSocketApplication.Flood;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Green WebSocket sessions in a whole WebFlux application, over real sockets: a client
 * library's and a raw one that writes frames by hand. The hubs run in loop mode
 * ({@code auto}, with the build's {@code --add-opens});
 * {@link GreenWebSocketPoolModeTests} runs every test again in pool mode.
 */
@SpringBootTest(classes = GreenWebSocketApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "green.hub.hubs=2", "green.websocket.close-timeout=1s" })
class GreenWebSocketTests {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private GreenWebSocketHandlerAdapter adapter;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@BeforeEach
	void clearProbes() {
		GreenWebSocketApplication.closes.clear();
		GreenWebSocketApplication.floods.clear();
	}

	/** No session, and no green thread, outlives its test. */
	@AfterEach
	void everySessionAndGreenThreadHasEnded() {
		await().atMost(BOUND).until(() -> this.adapter.activeSessions() == 0 && this.hubs.alive() == 0);
	}

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
	void theClientsCloseEndsReceiveAndTheSessionEndsWithItsStatus() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendClose(4001, "bye");
			RawWebSocket.Frame reply = socket.readUntilClose();
			assertThat(reply.closeCode()).isEqualTo(4001);
			assertThat(socket.isClosedByServer()).isTrue();
		}
		CloseStatus seen = GreenWebSocketApplication.closes.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
		assertThat(seen).isNotNull();
		assertThat(seen.getCode()).isEqualTo(4001);
		assertThat(seen.getReason()).isEqualTo("bye");
	}

	@Test
	void theServersCloseSendsItsStatusAfterWhatWasSentBefore() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendText("first");
			socket.sendText("close 4002 done");
			assertThat(socket.readFrame().text()).isEqualTo("first");
			RawWebSocket.Frame close = socket.readFrame();
			assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
			assertThat(close.closeCode()).isEqualTo(4002);
			assertThat(close.closeReason()).isEqualTo("done");
			assertThat(socket.isClosedByServer()).isTrue();
		}
		CloseStatus seen = GreenWebSocketApplication.closes.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
		assertThat(seen).isNotNull();
		assertThat(seen.getCode()).isEqualTo(4002);
	}

	@Test
	void aHandlerThatReturnsClosesWith1000AndOneThatThrowsWith1011() throws IOException {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/once")) {
			socket.sendText("hi");
			assertThat(socket.readFrame().text()).isEqualTo("once: hi");
			assertThat(socket.readFrame().closeCode()).isEqualTo(1000);
		}
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendText("fail");
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1011);
			assertThat(socket.isClosedByServer()).isTrue();
		}
	}

	@Test
	void aClientThatGoesAwayWithoutACloseFrameEndsReceiveWith1006() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			socket.sendText("ping");
			assertThat(socket.readFrame().text()).isEqualTo("ping");
		}
		CloseStatus seen = GreenWebSocketApplication.closes.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
		assertThat(seen).isNotNull();
		assertThat(seen.getCode()).isEqualTo(1006);
	}

	@Test
	void aPeerThatNeverReadsParksTheSenderWithBoundedMemoryAndTheSessionCanStillBeClosed() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/flood", 4096)) {
			Flood flood = awaitParked();
			Channel channel = flood.session().channel();
			ChannelOutboundBuffer unwritten = channel.unsafe().outboundBuffer();
			// Reactor Netty's 128 messages at most, with their frame headers
			assertThat(unwritten == null ? 0 : unwritten.totalPendingWriteBytes())
				.isLessThanOrEqualTo(129L * 65 * 1024);
			int sent = flood.sent().get();
			flood.session().close(new CloseStatus(4003, "enough"));
			assertThat(flood.ended().get(BOUND.toSeconds(), TimeUnit.SECONDS))
				.isInstanceOf(ClosedChannelException.class);
			assertThat(flood.sent().get()).isEqualTo(sent);
			// the close frame waits behind what the peer does not read: the connection
			// closes without it
			await().atMost(BOUND).until(() -> !channel.isActive());
		}
	}

	@Test
	void aSenderParkedOnAPeerThatNeverReadsCanBeKilled() throws Exception {
		try (RawWebSocket socket = new RawWebSocket(this.port, "/flood", 4096)) {
			Flood flood = awaitParked();
			assertThat(flood.thread().kill()).isTrue();
			assertThat(flood.ended().get(BOUND.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(GreenKilledException.class);
			Channel channel = flood.session().channel();
			await().atMost(BOUND).until(() -> !channel.isActive());
		}
	}

	@Test
	void aPeerThatGoesAwayEndsTheSendParkedOnIt() throws Exception {
		Flood flood;
		try (RawWebSocket socket = new RawWebSocket(this.port, "/flood", 4096)) {
			flood = awaitParked();
		}
		assertThat(flood.ended().get(BOUND.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ClosedChannelException.class);
		assertThat(flood.session().isOpen()).isFalse();
	}

	private Flood awaitParked() throws InterruptedException {
		Flood flood = GreenWebSocketApplication.floods.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
		assertThat(flood).isNotNull();
		await().atMost(BOUND)
			.until(() -> String.valueOf(flood.thread().info().waitingOn())
				.startsWith("the demand of WebSocket session"));
		return flood;
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
	void malformedFramesAreClosedWithAProtocolErrorAndOversizedOnesWith1009() throws Exception {
		byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
		// an unmasked client frame; a reserved opcode; a fragmented control frame (a ping
		// without FIN)
		int[][] frames = { { 0x80 | RawWebSocket.TEXT, 0 }, { 0x80 | 0x3, 1 }, { RawWebSocket.PING, 1 } };
		for (int[] frame : frames) {
			try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
				socket.sendFrame(frame[0], hello, frame[1] == 1);
				assertThat(socket.readUntilClose().closeCode()).as("close code for first byte %x", frame[0])
					.isEqualTo(1002);
				assertThat(socket.isClosedByServer()).isTrue();
			}
			CloseStatus seen = GreenWebSocketApplication.closes.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
			assertThat(seen).isNotNull();
			assertThat(seen.getCode()).isEqualTo(1002);
		}
		try (RawWebSocket socket = new RawWebSocket(this.port, "/echo")) {
			// the header of a 1 MiB frame, over the 64 KiB a frame may carry
			socket.sendBytes(new byte[] { (byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 2, 3, 4 });
			assertThat(socket.readUntilClose().closeCode()).isEqualTo(1009);
		}
		CloseStatus seen = GreenWebSocketApplication.closes.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
		assertThat(seen).isNotNull();
		assertThat(seen.getCode()).isEqualTo(1009);
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
