package io.greenhub.sample.chat;

import java.io.IOException;
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

	private static final Pattern WELCOME = Pattern.compile("\\* welcome (guest-\\d+); /nick <name> renames you, /quit leaves");

	@Value("${local.green.tcp.servers.chat.port}")
	private int port;

	@Autowired
	private ChatRoom room;

	@Test
	void aLineGoesToEveryOtherClientAndNicksQuitAndDisconnectsAreAnnounced() throws IOException {
		// each client connects once the one before it has joined: they may land on different hubs
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

	private static String welcome(LineSocket client) throws IOException {
		String line = client.readLine();
		Matcher welcome = WELCOME.matcher(String.valueOf(line));
		assertThat(welcome.matches()).as("welcome line: %s", line).isTrue();
		return welcome.group(1);
	}

}
