package io.greenhub;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import io.greenhub.primitives.GreenPile;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.GreenTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request handled on a green thread is a scope: a real server on the hub group whose
 * handler fans out three calls to a real downstream that never answers, and a real client
 * that goes away or a timeout that cancels the handler.
 */
class GreenRequestScopeTests {

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aClientThatResetsItsConnectionKillsEveryCallTheHandlerFannedOut(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode); NeverAnsweringServer downstream = new NeverAnsweringServer()) {
			CountDownLatch unwound = new CountDownLatch(3);
			DisposableServer server = handlerServer(group, downstream, unwound, UnaryOperator.identity());
			try {
				int before = group.alive();
				Socket client = new Socket();
				client.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) TestHubs.WAIT.toMillis());
				client.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
				await().atMost(TestHubs.WAIT).until(() -> downstream.accepted() == 3);
				assertThat(group.alive()).isEqualTo(before + 4);
				client.setSoLinger(true, 0);
				client.close();
				assertThat(unwound.await(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				await().atMost(TestHubs.WAIT).until(() -> downstream.closed() == 3);
				await().atMost(TestHubs.WAIT).until(() -> group.alive() == before);
				assertThat(childrenKilled(group)).isEqualTo(3);
			}
			finally {
				server.disposeNow(TestHubs.WAIT);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aHandlerTimeoutKillsEveryCallTheHandlerFannedOut(HubMode mode) throws Exception {
		try (GreenHubGroup group = TestHubs.open(mode); NeverAnsweringServer downstream = new NeverAnsweringServer()) {
			CountDownLatch unwound = new CountDownLatch(3);
			DisposableServer server = handlerServer(group, downstream, unwound,
					(reply) -> reply.timeout(Duration.ofMillis(500), Mono.just("timed out\n")));
			try (Socket client = new Socket()) {
				int before = group.alive();
				client.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) TestHubs.WAIT.toMillis());
				client.setSoTimeout((int) TestHubs.WAIT.toMillis());
				client.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(readLine(client.getInputStream())).isEqualTo("timed out");
				assertThat(unwound.await(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				assertThat(downstream.accepted()).isEqualTo(3);
				await().atMost(TestHubs.WAIT).until(() -> downstream.closed() == 3);
				await().atMost(TestHubs.WAIT).until(() -> group.alive() == before);
				assertThat(childrenKilled(group)).isEqualTo(3);
			}
			finally {
				server.disposeNow(TestHubs.WAIT);
			}
		}
	}

	/**
	 * A server on the group whose handler, on a green thread, reads a line, fans out
	 * three calls to the downstream in a pile and answers with what they return; the
	 * handler's Mono is cancelled when its connection closes. Each call counts down
	 * {@code unwound} in its {@code finally}.
	 */
	private static DisposableServer handlerServer(GreenHubGroup group, NeverAnsweringServer downstream,
			CountDownLatch unwound, UnaryOperator<Mono<String>> policy) {
		return TcpServer.create().host("127.0.0.1").port(0).runOn(group).handle((in, out) -> {
			Mono<Void> closed = Mono
				.create((sink) -> in.withConnection((connection) -> connection.onDispose(sink::success)));
			Mono<String> reply = in.receive().asString().next().flatMap((line) -> Green.deferToGreenThread(() -> {
				GreenPile<String> calls = new GreenPile<>();
				for (int i = 0; i < 3; i++) {
					calls.spawn(() -> call(downstream.port(), unwound));
				}
				StringBuilder answers = new StringBuilder();
				for (String answer : calls) {
					answers.append(answer);
				}
				return answers.append('\n').toString();
			}));
			return out.sendString(policy.apply(reply).takeUntilOther(closed)).then();
		}).bindNow(TestHubs.WAIT);
	}

	private static String call(int port, CountDownLatch unwound) throws IOException {
		try (GreenTransport transport = GreenClient.connect("127.0.0.1", port)) {
			transport.write("question\n".getBytes(StandardCharsets.US_ASCII));
			return new String(transport.read(64), StandardCharsets.US_ASCII);
		}
		finally {
			unwound.countDown();
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
			line.append((char) c);
		}
		return line.toString();
	}

	static long childrenKilled(GreenHubGroup group) {
		return group.hubs().stream().mapToLong(GreenHub::childrenKilledCount).sum();
	}

}
