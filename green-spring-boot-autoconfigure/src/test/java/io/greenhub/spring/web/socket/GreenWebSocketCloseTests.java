package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How green WebSocket sessions end: closed by either side, by the handler's return or
 * failure, by a peer that goes away, and by malformed frames.
 */
class GreenWebSocketCloseTests extends AbstractGreenWebSocketTests {

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

}
