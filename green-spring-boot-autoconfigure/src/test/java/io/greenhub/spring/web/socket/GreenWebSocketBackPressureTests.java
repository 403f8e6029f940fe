package io.greenhub.spring.web.socket;

import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

import io.greenhub.GreenKilledException;
import io.greenhub.spring.web.socket.GreenWebSocketApplication.Flood;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.socket.CloseStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A green WebSocket sender on a peer that never reads: parked with bounded memory, and
 * still ended by a close, a kill, or the peer going away.
 */
class GreenWebSocketBackPressureTests extends AbstractGreenWebSocketTests {

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

}
