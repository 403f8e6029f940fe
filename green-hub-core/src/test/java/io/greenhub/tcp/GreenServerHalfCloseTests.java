package io.greenhub.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.greenhub.TestHubs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that half-closes its connection still gets everything the server writes after
 * that, on the native epoll transport as on NIO: Netty 4.2.18's epoll transport dropped
 * such connections once their send buffer filled (see {@link EpollHalfClosure}).
 */
class GreenServerHalfCloseTests {

	private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

	@ParameterizedTest(name = "{0} mode, native transport {1}")
	@CsvSource({ "LOOP, true", "POOL, true", "LOOP, false", "POOL, false" })
	void anEchoGoesOnAfterTheClientHalfClosesUntilEveryByteIsBack(HubMode mode, boolean nativeTransport)
			throws Exception {
		byte[] sent = randomBytes();
		try (GreenHubGroup group = open(mode, nativeTransport);
				GreenServer echo = GreenTransportTests.echoServer(group);
				Socket socket = connect(echo)) {
			AtomicLong receivedAtHalfClose = new AtomicLong(-1);
			AtomicLong received = new AtomicLong();
			CompletableFuture<Void> written = writeThenHalfClose(socket, sent,
					() -> receivedAtHalfClose.set(received.get()));
			byte[] echoed = readToEnd(socket.getInputStream(), received);
			written.get(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS);
			// the client half-closed while the echo was still coming back
			assertThat(receivedAtHalfClose.get()).isBetween(0L, SIXTEEN_MIB - 1L);
			assertSameBytes(echoed, sent);
		}
	}

	@ParameterizedTest(name = "{0} mode, native transport {1}")
	@CsvSource({ "LOOP, true", "POOL, true", "LOOP, false", "POOL, false" })
	void aReplyWrittenAfterTheEndOfInputArrivesWhole(HubMode mode, boolean nativeTransport) throws Exception {
		byte[] sent = randomBytes();
		try (GreenHubGroup group = open(mode, nativeTransport);
				GreenServer collector = GreenServer.builder(group).handler((transport) -> {
					byte[] request = new byte[SIXTEEN_MIB];
					int length = 0;
					for (byte[] bytes = transport.read(64 * 1024); bytes.length > 0; bytes = transport
						.read(64 * 1024)) {
						System.arraycopy(bytes, 0, request, length, bytes.length);
						length += bytes.length;
					}
					// the whole reply is written after the input ended: far more than the
					// socket buffers hold
					transport.write(Arrays.copyOf(request, length));
				}).bind();
				Socket socket = connect(collector)) {
			CompletableFuture<Void> written = writeThenHalfClose(socket, sent, () -> {
			});
			written.get(TestHubs.WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertSameBytes(readToEnd(socket.getInputStream(), new AtomicLong()), sent);
		}
	}

	@ParameterizedTest(name = "{0} mode, native transport {1}")
	@CsvSource({ "LOOP, true", "POOL, true", "LOOP, false", "POOL, false" })
	void aConnectionShutInBothDirectionsButLeftOpenDoesNotSpinItsLoop(HubMode mode, boolean nativeTransport)
			throws Exception {
		CompletableFuture<Void> release = new CompletableFuture<>();
		try (GreenHubGroup group = open(mode, nativeTransport);
				GreenServer server = GreenServer.builder(group).handler((transport) -> {
					while (transport.read(4096).length > 0) {
						// to the end of input
					}
					transport.write("bye".getBytes(StandardCharsets.US_ASCII));
					transport.shutdownOutput();
					Green.blockOn(release);
				}).bind();
				Socket socket = connect(server)) {
			socket.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
			socket.shutdownOutput();
			assertThat(socket.getInputStream().readAllBytes()).asString(StandardCharsets.US_ASCII).isEqualTo("bye");
			// the server's socket is now shut in both directions, which epoll reports as
			// EPOLLHUP
			// whatever the interest: an event loop woken by it at every wait would use a
			// whole core
			long window = Duration.ofSeconds(1).toNanos();
			long before = loopCpuNanos(group);
			LockSupport.parkNanos(window); // a window to measure CPU time in, not a wait
											// for an event
			long used = loopCpuNanos(group) - before;
			assertThat(server.activeConnections()).as("connections still open").isOne();
			release.complete(null);
			// idle, the loops use a few milliseconds of it; woken at every wait, a
			// hundred or more
			assertThat(used).as("CPU nanoseconds of the event loops in %d ns", window).isLessThan(window / 10);
		}
	}

	/**
	 * The CPU time used so far by the group's platform threads: its event loops, or their
	 * carriers.
	 */
	private static long loopCpuNanos(GreenHubGroup group) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		List<Thread> loops = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !thread.isVirtual() && thread.getName().matches(group.name() + "-\\d+"))
			.toList();
		// a carrier of an earlier group of the same name may still be on its way out:
		// counting its
		// CPU time too only makes the bound harder to meet
		assertThat(loops).as("platform threads of the group's loops").hasSizeGreaterThanOrEqualTo(group.hubs().size());
		return loops.stream().mapToLong((thread) -> Math.max(0, threads.getThreadCpuTime(thread.threadId()))).sum();
	}

	private static GreenHubGroup open(HubMode mode, boolean nativeTransport) {
		return GreenHubGroup.builder()
			.name("half-close-" + mode.name().toLowerCase() + (nativeTransport ? "-native" : "-nio"))
			.hubs(2)
			.mode(mode)
			.nativeTransport(nativeTransport)
			.shutdownGracePeriod(TestHubs.WAIT)
			.build();
	}

	private static Socket connect(GreenServer server) throws IOException {
		Socket socket = new Socket();
		socket.connect(server.address(), (int) TestHubs.WAIT.toMillis());
		socket.setSoTimeout((int) TestHubs.WAIT.toMillis());
		return socket;
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[SIXTEEN_MIB];
		new Random(16).nextBytes(bytes);
		return bytes;
	}

	/**
	 * Writes the bytes in 64 KiB pieces from a platform thread of its own, so that
	 * writing and reading overlap, then runs {@code beforeHalfClose} and shuts the
	 * socket's output down.
	 */
	private static CompletableFuture<Void> writeThenHalfClose(Socket socket, byte[] bytes, Runnable beforeHalfClose) {
		CompletableFuture<Void> written = new CompletableFuture<>();
		Thread.ofPlatform().name("half-close-writer").daemon().start(() -> {
			try {
				OutputStream out = socket.getOutputStream();
				for (int offset = 0; offset < bytes.length; offset += 64 * 1024) {
					out.write(bytes, offset, Math.min(64 * 1024, bytes.length - offset));
				}
				out.flush();
				beforeHalfClose.run();
				socket.shutdownOutput();
				written.complete(null);
			}
			catch (IOException | RuntimeException ex) {
				written.completeExceptionally(ex);
			}
		});
		return written;
	}

	/**
	 * Reads until the end of stream, each read bounded by the socket's timeout, counting
	 * the bytes read so far into {@code received}.
	 */
	private static byte[] readToEnd(InputStream in, AtomicLong received) throws IOException {
		byte[] all = new byte[SIXTEEN_MIB + 1];
		int length = 0;
		for (int n = in.read(all, 0, all.length); n > 0; n = in.read(all, length, all.length - length)) {
			length += n;
			received.set(length);
			if (length == all.length) {
				throw new UncheckedIOException(new IOException("More than " + SIXTEEN_MIB + " bytes came back"));
			}
		}
		return Arrays.copyOf(all, length);
	}

	private static void assertSameBytes(byte[] actual, byte[] expected) {
		assertThat(actual.length).as("bytes received").isEqualTo(expected.length);
		assertThat(Arrays.mismatch(actual, expected)).as("index of the first wrong byte").isEqualTo(-1);
	}

}
