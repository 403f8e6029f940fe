package io.greenhub.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeoutException;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class GreenTransportTests {

	private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

	static GreenServer echoServer(GreenHubGroup group) {
		return GreenServer.bind(group, ANY_PORT, (transport) -> {
			for (byte[] bytes = transport.read(4096); bytes.length > 0; bytes = transport.read(4096)) {
				transport.write(bytes);
			}
		});
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void echoesForSeveralClientsAtOnce(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode); GreenServer echo = echoServer(group)) {
			List<GreenThread<String>> clients = new ArrayList<>();
			for (int c = 0; c < 8; c++) {
				String message = "hello from client " + c;
				clients.add(group.spawn(() -> {
					try (GreenTransport transport = GreenClient.connect("127.0.0.1", echo.port())) {
						transport.write(message.getBytes(StandardCharsets.UTF_8));
						return new String(transport.readExactly(message.length()), StandardCharsets.UTF_8);
					}
				}));
			}
			for (int c = 0; c < 8; c++) {
				assertThat(clients.get(c).join(TestHubs.WAIT)).isEqualTo("hello from client " + c);
			}
			await().atMost(TestHubs.WAIT).until(() -> echo.activeConnections() == 0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aFastWriterToASlowReaderLosesNothing(HubMode mode) {
		int chunk = 64 * 1024;
		int chunks = 256;
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer producer = GreenServer.bind(group, ANY_PORT, (transport) -> {
					byte[] bytes = new byte[chunk];
					for (int i = 0; i < chunks; i++) {
						Arrays.fill(bytes, (byte) i);
						transport.write(bytes);
					}
				})) {
			long[] sentCrc = new long[1];
			CRC32 expected = new CRC32();
			byte[] bytes = new byte[chunk];
			for (int i = 0; i < chunks; i++) {
				Arrays.fill(bytes, (byte) i);
				expected.update(bytes);
			}
			sentCrc[0] = expected.getValue();
			long received = group.spawn(() -> {
				CRC32 crc = new CRC32();
				long total = 0;
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", producer.port())) {
					for (byte[] read = transport.read(8192); read.length > 0; read = transport.read(8192)) {
						crc.update(read);
						total += read.length;
						if (total % (1024 * 1024) < 8192) {
							Green.sleep(Duration.ofMillis(5));
						}
					}
				}
				return (total == (long) chunk * chunks) ? crc.getValue() : -total;
			}).join(Duration.ofSeconds(60));
			assertThat(received).isEqualTo(sentCrc[0]);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aRefusedConnectionIsAConnectException(HubMode mode) throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (GreenHubGroup group = TestHubs.open(mode)) {
			assertThatExceptionOfType(java.util.concurrent.CompletionException.class)
				.isThrownBy(() -> group.spawn(() -> GreenClient.connect("127.0.0.1", closedPort)).join(TestHubs.WAIT))
				.withCauseInstanceOf(ConnectException.class);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aHalfCloseEndsThePeersInputAndItCanStillAnswer(HubMode mode) {
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer counter = GreenServer.bind(group, ANY_PORT, (transport) -> {
					int total = 0;
					for (byte[] bytes = transport.read(4096); bytes.length > 0; bytes = transport.read(4096)) {
						total += bytes.length;
					}
					transport.write(("got " + total).getBytes(StandardCharsets.US_ASCII));
				})) {
			String reply = group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", counter.port())) {
					transport.write(new byte[12_345]);
					transport.shutdownOutput();
					StringBuilder answer = new StringBuilder();
					for (byte[] bytes = transport.read(100); bytes.length > 0; bytes = transport.read(100)) {
						answer.append(new String(bytes, StandardCharsets.US_ASCII));
					}
					return answer + (transport.isEndOfStream() ? " then end" : "");
				}
			}).join(TestHubs.WAIT);
			assertThat(reply).isEqualTo("got 12345 then end");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aPeerThatResetsMakesTheWriterFailWithAnIoExceptionAndReleasesTheConnection(HubMode mode) throws Exception {
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer flooder = GreenServer.bind(group, ANY_PORT, (transport) -> {
					try {
						for (;;) {
							transport.write(new byte[16 * 1024]);
						}
					}
					catch (IOException ex) {
						failure.complete(ex);
					}
				})) {
			try (Socket socket = new Socket("127.0.0.1", flooder.port())) {
				socket.getInputStream().readNBytes(1024);
				socket.setSoLinger(true, 0);
			}
			assertThat(failure.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(IOException.class);
			await().atMost(TestHubs.WAIT).until(() -> flooder.activeConnections() == 0);
			assertThat(group.alive()).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aReaderParkedWhenAnotherThreadClosesTheTransportWakesAtTheEndOfTheStream(HubMode mode) throws Exception {
		CompletableFuture<Void> never = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer silent = GreenServer.bind(group, ANY_PORT, (transport) -> Green.blockOn(never))) {
			CompletableFuture<GreenTransport> connected = new CompletableFuture<>();
			GreenThread<Integer> reader = group.spawn(() -> {
				GreenTransport transport = GreenClient.connect("127.0.0.1", silent.port());
				connected.complete(transport);
				return transport.read(100).length;
			});
			GreenTransport transport = connected.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(TestHubs.WAIT).until(() -> reader.info().state() == Thread.State.WAITING);
			group.spawn(() -> {
				transport.close();
				return null;
			}).join(TestHubs.WAIT);
			assertThat(reader.join(TestHubs.WAIT)).isZero();
			never.complete(null);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void aReadInterruptedByATimeoutLeavesTheInputOpenAndALineItsStart(HubMode mode) throws Exception {
		CompletableFuture<Void> more = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer slow = GreenServer.bind(group, ANY_PORT, (transport) -> {
					transport.write("hel".getBytes(StandardCharsets.US_ASCII));
					Green.blockOn(more);
					transport.write("lo\nworld\n".getBytes(StandardCharsets.US_ASCII));
				})) {
			List<String> lines = group.spawn(() -> {
				try (LineTransport transport = new LineTransport(GreenClient.connect("127.0.0.1", slow.port()))) {
					List<String> read = new ArrayList<>();
					try {
						Green.withTimeout(Duration.ofMillis(50), transport::readLine);
					}
					catch (GreenTimeoutException ex) {
						read.add("timed out");
					}
					more.complete(null);
					read.add(transport.readLine());
					read.add(transport.readLine());
					return read;
				}
			}).join(TestHubs.WAIT);
			assertThat(lines).containsExactly("timed out", "hello", "world");
		}
	}

	@org.junit.jupiter.api.Test
	void aCharsetWhoseLineEndsAreNotSingleBytesIsRefused() {
		try (GreenHubGroup group = TestHubs.open(HubMode.POOL); GreenServer echo = echoServer(group)) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> group.spawn(() -> {
				try (GreenTransport transport = GreenClient.connect("127.0.0.1", echo.port())) {
					return new LineTransport(transport, StandardCharsets.UTF_16, 100);
				}
			}).join(TestHubs.WAIT)).withMessage("Line charset must encode line ends as single bytes, was: UTF-16");
		}
	}

	@ParameterizedTest
	@EnumSource(value = HubMode.class, names = { "LOOP", "POOL" })
	void anOverlongLineFailsClearlyAndClosesTheConnection(HubMode mode) throws Exception {
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		try (GreenHubGroup group = TestHubs.open(mode);
				GreenServer lines = GreenServer.bind(group, ANY_PORT, (transport) -> {
					LineTransport reader = new LineTransport(transport, StandardCharsets.UTF_8, 100);
					try {
						reader.sendLine("first: " + reader.readLine());
						reader.readLine();
					}
					catch (LineTooLongException ex) {
						failure.complete(ex);
					}
				})) {
			try (Socket socket = new Socket("127.0.0.1", lines.port())) {
				OutputStream out = socket.getOutputStream();
				out.write("short\r\n".getBytes(StandardCharsets.US_ASCII));
				out.write(new byte[10_000]);
				out.flush();
				InputStream in = socket.getInputStream();
				assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("first: short\r\n");
			}
			assertThat(failure.get(TestHubs.WAIT.toSeconds(), TimeUnit.SECONDS))
				.hasMessageContaining("is longer than 100 bytes; the connection is closed");
		}
	}

}
