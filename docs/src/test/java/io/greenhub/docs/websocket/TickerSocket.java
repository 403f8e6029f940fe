package io.greenhub.docs.websocket;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.GreenThread;
import io.greenhub.spring.web.socket.GreenWebSocketHandler;
import io.greenhub.spring.web.socket.GreenWebSocketMessage;
import io.greenhub.spring.web.socket.GreenWebSocketSession;

import org.springframework.stereotype.Component;

/**
 * Sends a tick every 100 ms until the client says {@code stop} or goes away: one green thread
 * sends, a second one reads.
 */
@Component
class TickerSocket implements GreenWebSocketHandler {

	@Override
	public void handle(GreenWebSocketSession session) throws IOException {
		GreenThread<?> reader = Green.spawn(() -> {
			for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
				if (message.getPayloadAsText().equals("stop")) {
					session.close();
				}
			}
		});
		try {
			for (int tick = 1;; tick++) {
				session.sendText("tick " + tick);      // parks while the client does not read
				Green.sleep(Duration.ofMillis(100));
			}
		}
		catch (ClosedChannelException ex) {
			// the client said stop, or went away
		}
		finally {
			reader.join();
		}
	}

}
