package io.greenhub.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import io.greenhub.primitives.GreenQueue;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Servers built from green transports: eventlet's chat server and port forwarder, TLS,
 * and the limits of a server.
 */
class GreenServerTests {

	private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aLineChatBroadcastsEachLineToTheOtherClients(HubMode mode) throws Exception {
		Map<String, GreenQueue<String>> members = new ConcurrentHashMap<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer chat = GreenServer.bind(group, ANY_PORT, (transport) -> {
					LineTransport lines = new LineTransport(transport);
					String nick = lines.readLine();
					GreenQueue<String> outbox = GreenQueue.bounded("outbox-" + nick, 100);
					members.put(nick, outbox);
					GreenThread<?> writer = Green.spawn(() -> {
						for (;;) {
							lines.sendLine(outbox.take());
						}
					});
					try {
						for (String line = lines.readLine(); line != null
								&& !line.equals("/quit"); line = lines.readLine()) {
							for (Map.Entry<String, GreenQueue<String>> member : members.entrySet()) {
								if (!member.getKey().equals(nick)) {
									member.getValue().offer(nick + ": " + line);
								}
							}
						}
					}
					finally {
						members.remove(nick);
						outbox.close();
						writer.join();
					}
				})) {
			List<GreenThread<String>> listeners = List.of("bob", "carol").stream().map((nick) -> group.spawn(() -> {
				try (LineTransport lines = new LineTransport(GreenClient.connect("127.0.0.1", chat.port()))) {
					lines.sendLine(nick);
					return lines.readLine();
				}
			})).toList();
			await().atMost(TestHubs.WAIT).until(() -> members.size() == 2);
			group.spawn(() -> {
				try (LineTransport lines = new LineTransport(GreenClient.connect("127.0.0.1", chat.port()))) {
					lines.sendLine("alice");
					await().atMost(TestHubs.WAIT).until(() -> members.size() == 3);
					lines.sendLine("hello, all");
					lines.sendLine("/quit");
				}
				return null;
			}).join(TestHubs.WAIT);
			for (GreenThread<String> listener : listeners) {
				assertThat(listener.join(TestHubs.WAIT)).isEqualTo("alice: hello, all");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aPortForwarderCopiesBothDirections(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer echo = GreenTransportTests.echoServer(group);
				GreenServer forwarder = GreenServer.bind(group, ANY_PORT, (client) -> {
					try (GreenTransport upstream = GreenClient.connect("127.0.0.1", echo.port())) {
						GreenThread<?> back = Green.spawn(() -> copy(upstream, client));
						copy(client, upstream);
						back.join();
					}
				})) {
			String echoed = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", forwarder.port())) {
					transport.write("through the forwarder".getBytes(StandardCharsets.UTF_8));
					transport.shutdownOutput();
					StringBuilder reply = new StringBuilder();
					for (byte[] bytes = transport.read(64); bytes.length > 0; bytes = transport.read(64)) {
						reply.append(new String(bytes, StandardCharsets.UTF_8));
					}
					return reply.toString();
				}
			}).join(TestHubs.WAIT);
			assertThat(echoed).isEqualTo("through the forwarder");
		}
	}

	/** Copies until the end of the source's input, then half-closes the target. */
	private static Void copy(GreenTransport from, GreenTransport to) throws IOException {
		for (byte[] bytes = from.read(16 * 1024); bytes.length > 0; bytes = from.read(16 * 1024)) {
			to.write(bytes);
		}
		to.shutdownOutput();
		return null;
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void tlsWithASelfSignedCertificateWorksAndAnUntrustingClientGetsAnSslException(HubMode mode, @TempDir Path dir)
			throws Exception {
		KeyStore keys = selfSigned(dir);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "secret".toCharArray());
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keys);
		SslContext server = SslContextBuilder.forServer(keyManagers).build();
		SslContext trusting = SslContextBuilder.forClient().trustManager(trust).build();
		SslContext untrusting = SslContextBuilder.forClient().build();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer secure = GreenServer.builder(group)
					.tls(server)
					.handler((transport) -> transport
						.write(("secret: " + new String(transport.readExactly(4), StandardCharsets.US_ASCII))
							.getBytes(StandardCharsets.US_ASCII)))
					.bind();
				GreenServer secureCounter = GreenServer.builder(group).tls(server).handler((transport) -> {
					int total = 0;
					for (byte[] bytes = transport.read(4096); bytes.length > 0; bytes = transport.read(4096)) {
						total += bytes.length;
					}
					transport.write(("got " + total).getBytes(StandardCharsets.US_ASCII));
				}).bind()) {
			String halfClosed = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", secureCounter.port(),
						Duration.ofSeconds(5), trusting)) {
					transport.write(new byte[5000]);
					transport.shutdownOutput();
					return new String(transport.readExactly(8), StandardCharsets.US_ASCII);
				}
			}).join(TestHubs.WAIT);
			assertThat(halfClosed).isEqualTo("got 5000");
			String reply = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", secure.port(), Duration.ofSeconds(5),
						trusting)) {
					transport.write("1234".getBytes(StandardCharsets.US_ASCII));
					return new String(transport.readExactly(12), StandardCharsets.US_ASCII);
				}
			}).join(TestHubs.WAIT);
			assertThat(reply).isEqualTo("secret: 1234");
			assertThatExceptionOfType(CompletionException.class)
				.isThrownBy(() -> group
					.spawn(() -> GreenClient.connect("127.0.0.1", secure.port(), Duration.ofSeconds(5), untrusting))
					.join(TestHubs.WAIT))
				.withCauseInstanceOf(SSLException.class);
		}
	}

	/**
	 * A PKCS#12 key store with a self-signed certificate for 127.0.0.1, made by the JDK's
	 * keytool.
	 */
	private static KeyStore selfSigned(Path dir) throws Exception {
		Path store = dir.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "SAN=ip:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", "secret", "-keypass", "secret")
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(keytool.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
		assertThat(keytool.exitValue()).as(output).isZero();
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			keys.load(in, "secret".toCharArray());
		}
		return keys;
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void beyondMaxConnectionsTheNextConnectionIsClosedAndASilentOneTimesOut(HubMode mode) throws Exception {
		CompletableFuture<Void> gate = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer limited = GreenServer.builder(group).maxConnections(1).handler((transport) -> {
					transport.write("welcome".getBytes(StandardCharsets.US_ASCII));
					Green.blockOn(gate);
				}).bind();
				GreenServer idle = GreenServer.builder(group)
					.idleTimeout(Duration.ofMillis(200))
					.handler((transport) -> transport.read(1))
					.bind()) {
			GreenThread<String> first = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", limited.port())) {
					String welcome = new String(transport.readExactly(7), StandardCharsets.US_ASCII);
					Green.blockOn(gate);
					return welcome;
				}
			});
			await().atMost(TestHubs.WAIT).until(() -> limited.activeConnections() == 1);
			boolean refused = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", limited.port())) {
					return transport.isEndOfStream();
				}
			}).join(TestHubs.WAIT);
			assertThat(refused).isTrue();
			gate.complete(null);
			assertThat(first.join(TestHubs.WAIT)).isEqualTo("welcome");
			boolean closedForSilence = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", idle.port())) {
					return transport.isEndOfStream();
				}
			}).join(TestHubs.WAIT);
			assertThat(closedForSilence).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void hubsCountTheirOpenChannelsUntilEachCloses(HubMode mode) throws Exception {
		CompletableFuture<Void> release = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer server = GreenServer.bind(group, ANY_PORT, (transport) -> {
					Green.blockOn(release);
					transport.write(new byte[] { 1 });
				})) {
			int listening = group.openChannels();
			List<java.net.Socket> clients = new java.util.ArrayList<>();
			for (int i = 0; i < 3; i++) {
				clients.add(new java.net.Socket("127.0.0.1", server.port()));
			}
			await().atMost(TestHubs.WAIT).until(() -> group.openChannels() == listening + 3);
			assertThat(group.hubs().stream().mapToInt(GreenHub::openChannels).sum()).isEqualTo(listening + 3);
			release.complete(null);
			for (java.net.Socket client : clients) {
				client.setSoTimeout(10_000);
				assertThat(client.getInputStream().read()).isEqualTo(1);
				client.close();
			}
			await().atMost(TestHubs.WAIT).until(() -> group.openChannels() == listening);
		}
	}

	@Test
	void bindWithoutAGroupUsesTheDefaultGroup() {
		try (GreenHubGroup group = TestHubs.open(HubMode.POOL);
				GreenServer server = GreenServer.bind(ANY_PORT, (transport) -> transport.write(new byte[] { 42 }))) {
			assertThat(group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", server.port())) {
					return transport.readExactly(1)[0];
				}
			}).join(TestHubs.WAIT)).isEqualTo((byte) 42);
		}
	}

	@Test
	void wrongServerSettingsAreRefusedNamingTheValue() {
		try (GreenHubGroup group = TestHubs.open(HubMode.POOL)) {
			assertThatIllegalArgumentException().isThrownBy(() -> GreenServer.builder(group).maxConnections(0))
				.withMessage("Server maximum connections must be positive, was: 0");
			assertThatIllegalArgumentException().isThrownBy(() -> GreenServer.builder(group).idleTimeout(Duration.ZERO))
				.withMessage("Server idle timeout must be positive, was: PT0S");
		}
	}

}
