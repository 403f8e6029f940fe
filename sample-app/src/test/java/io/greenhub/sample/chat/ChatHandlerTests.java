package io.greenhub.sample.chat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.greenhub.sample.LineSocket;
import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three raw sockets on the chat server, as three {@code nc} sessions.
 */
@SampleTest
class ChatHandlerTests {

	private static final Pattern WELCOME = Pattern
		.compile("\\* welcome (guest-\\d+); /nick <name> renames you, /quit leaves");

	@Value("${local.green.tcp.servers.chat.port}")
	private int port;

	@Autowired
	private ChatRoom room;

	@Test
	void aLineGoesToEveryOtherClientAndNicksQuitAndDisconnectsAreAnnounced() throws IOException {
		// each client connects once the one before it has joined: they may land on
		// different hubs
		try (LineSocket first = new LineSocket(this.port)) {
			String one = welcome(first);
			try (LineSocket second = new LineSocket(this.port)) {
				String two = welcome(second);
				assertThat(first.readLine()).isEqualTo("* " + two + " joined");
				try (LineSocket third = new LineSocket(this.port)) {
					String three = welcome(third);
					assertThat(first.readLine()).isEqualTo("* " + three + " joined");
					assertThat(second.readLine()).isEqualTo("* " + three + " joined");

					first.send("/nick alice");
					assertThat(first.readLine()).isEqualTo("* you are now alice");
					assertThat(second.readLine()).isEqualTo("* " + one + " is now alice");
					assertThat(third.readLine()).isEqualTo("* " + one + " is now alice");

					first.send("hello, all");
					assertThat(second.readLine()).isEqualTo("alice: hello, all");
					assertThat(third.readLine()).isEqualTo("alice: hello, all");

					second.send("/nick alice");
					assertThat(second.readLine()).isEqualTo("* nick 'alice' is taken");
					second.send("/nick not a nick");
					assertThat(second.readLine()).startsWith("* a nick is 1 to 20 letters");

					first.send("/quit");
					assertThat(first.readLine()).as("the sender gets no copy of its own line").isEqualTo("* bye");
					assertThat(first.readLine()).as("the end of the stream after /quit").isNull();
					assertThat(second.readLine()).isEqualTo("* alice left");
					assertThat(third.readLine()).isEqualTo("* alice left");

					third.close();
					assertThat(second.readLine()).isEqualTo("* " + three + " left");
					await().atMost(Duration.ofSeconds(5)).until(() -> !this.room.nicks().contains(three));
					second.send("anyone?");
					second.send("/quit");
					assertThat(second.readLine()).isEqualTo("* bye");
				}
			}
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.room.nicks().isEmpty());
	}

	@Test
	void anUnknownCommandIsAnsweredToItsSenderOnly() throws IOException {
		try (LineSocket client = new LineSocket(this.port)) {
			welcome(client);
			client.send("/shout hi");
			assertThat(client.readLine()).isEqualTo("* unknown command; try /nick <name> or /quit");
		}
	}

	/**
	 * A member that reads nothing while another talks falls 256 lines behind: it is
	 * dropped, its connection closes (the end of its stream after what was already on its
	 * way), and its nick is free again.
	 */
	@Test
	void aMemberThatFallsTooFarBehindIsDisconnectedAndItsNickFreed() throws Exception {
		try (Socket slow = new Socket()) {
			slow.setReceiveBufferSize(4096);
			slow.connect(new InetSocketAddress("127.0.0.1", this.port));
			slow.setSoTimeout(10_000);
			InputStream in = slow.getInputStream();
			StringBuilder welcomeLine = new StringBuilder();
			for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
				welcomeLine.append((char) c);
			}
			Matcher welcome = WELCOME.matcher(welcomeLine.toString().strip());
			assertThat(welcome.matches()).as("welcome line: %s", welcomeLine).isTrue();
			String slowNick = welcome.group(1);
			try (LineSocket talker = new LineSocket(this.port)) {
				welcome(talker);
				String line = "x".repeat(1000);
				String dropped = "* " + slowNick + " was dropped: too far behind";
				boolean seen = false;
				// at most 64 MB: far more than the socket buffers, Netty's and the outbox
				// hold
				for (int i = 0; i < 64 * 1024 && !seen; i++) {
					talker.send(line);
					seen = talker.ready() && dropped.equals(talker.readLine());
				}
				if (!seen) {
					assertThat(talker.readLine()).isEqualTo(dropped);
				}
				await().atMost(Duration.ofSeconds(5)).until(() -> !this.room.nicks().contains(slowNick));
				byte[] buffer = new byte[64 * 1024];
				try {
					while (in.read(buffer) >= 0) {
						// what was already on its way; then the end of the stream
					}
				}
				catch (SocketException ex) {
					// a reset ends the stream as well: the connection is closed
				}
			}
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> this.room.nicks().isEmpty());
	}

	@Test
	void controlCharactersAreRemovedFromWhatMembersSay() throws IOException {
		try (LineSocket first = new LineSocket(this.port)) {
			welcome(first);
			try (LineSocket second = new LineSocket(this.port)) {
				String two = welcome(second);
				assertThat(first.readLine()).isEqualTo("* " + two + " joined");
				second.send("hi\u001b[2J\u001b[H\r* alice left\b\b\u0007\u009b\u202e\tok");
				assertThat(first.readLine()).isEqualTo(two + ": hi[2J[H* alice left ok");
				second.send("\u001b\r");
				second.send("/quit");
				assertThat(second.readLine()).as("a line of control characters only is not relayed").isEqualTo("* bye");
				assertThat(first.readLine()).isEqualTo("* " + two + " left");
			}
		}
	}

	@Test
	void onlyControlCharactersAreRemoved() {
		assertThat(ChatRoom.withoutControlCharacters("caf\u00e9 \u65e5\u672c \ud83d\ude00 * / : -"))
			.isEqualTo("caf\u00e9 \u65e5\u672c \ud83d\ude00 * / : -");
	}

	private static String welcome(LineSocket client) throws IOException {
		String line = client.readLine();
		Matcher welcome = WELCOME.matcher(String.valueOf(line));
		assertThat(welcome.matches()).as("welcome line: %s", line).isTrue();
		return welcome.group(1);
	}

}
