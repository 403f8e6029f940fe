package io.greenhub.sample.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.greenhub.sample.LineSocket;
import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat's WebSocket face and its TCP one are the same room: a raw socket, as
 * {@code nc}, and the JDK's WebSocket client, over real sockets.
 */
@SampleTest
class ChatSocketTests {

	private static final Pattern WELCOME = Pattern
		.compile("\\* welcome (guest-\\d+); /nick <name> renames you, /quit leaves");

	@Value("${local.green.tcp.servers.chat.port}")
	private int chatPort;

	@LocalServerPort
	private int httpPort;

	@Autowired
	private ChatRoom room;

	@Test
	void aLineTypedInNcAppearsOnTheWebSocketAndAWebSocketMessageInNc() throws Exception {
		try (ChatClient web = new ChatClient(this.httpPort)) {
			String webNick = welcome(web.next());
			try (LineSocket nc = new LineSocket(this.chatPort)) {
				String ncNick = welcome(nc.readLine());
				assertThat(web.next()).isEqualTo("* " + ncNick + " joined");

				nc.send("hello from nc");
				assertThat(web.next()).isEqualTo(ncNick + ": hello from nc");

				web.send("hello from the web");
				assertThat(nc.readLine()).isEqualTo(webNick + ": hello from the web");

				web.send("/nick webby\nstill here");
				assertThat(web.next()).isEqualTo("* you are now webby");
				assertThat(nc.readLine()).isEqualTo("* " + webNick + " is now webby");
				assertThat(nc.readLine()).isEqualTo("webby: still here");

				web.send("/quit");
				assertThat(web.next()).isEqualTo("* bye");
				assertThat(web.closeCode()).isEqualTo(1000);
				assertThat(nc.readLine()).isEqualTo("* webby left");
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.room.nicks().isEmpty());
	}

	@Test
	void aWebSocketClientThatGoesAwayLeavesTheRoom() throws Exception {
		try (LineSocket nc = new LineSocket(this.chatPort)) {
			welcome(nc.readLine());
			String webNick;
			try (ChatClient web = new ChatClient(this.httpPort)) {
				webNick = welcome(web.next());
				assertThat(nc.readLine()).isEqualTo("* " + webNick + " joined");
			}
			assertThat(nc.readLine()).isEqualTo("* " + webNick + " left");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.room.nicks().isEmpty());
	}

	private static String welcome(String line) {
		Matcher welcome = WELCOME.matcher(String.valueOf(line));
		assertThat(welcome.matches()).as("welcome line: %s", line).isTrue();
		return welcome.group(1);
	}

	/**
	 * The JDK's WebSocket client on {@code /chat}: each text message it gets is queued.
	 */
	private static final class ChatClient implements WebSocket.Listener, AutoCloseable {

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final StringBuilder partial = new StringBuilder();

		private final HttpClient http = HttpClient.newHttpClient();

		private final WebSocket socket;

		ChatClient(int port) throws Exception {
			this.socket = this.http.newWebSocketBuilder()
				.buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), this)
				.get(10, TimeUnit.SECONDS);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		void send(String text) throws Exception {
			this.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
		}

		String next() throws InterruptedException, IOException {
			String message = this.messages.poll(10, TimeUnit.SECONDS);
			if (message == null) {
				throw new IOException("No message within 10 seconds");
			}
			return message;
		}

		int closeCode() throws Exception {
			return this.closed.get(10, TimeUnit.SECONDS);
		}

		/** Goes away without a close handshake, as a closed browser tab may. */
		@Override
		public void close() {
			this.socket.abort();
			this.http.shutdownNow();
		}

	}

}
