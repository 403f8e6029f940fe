package io.greenhub.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenThread;
import io.greenhub.GreenThreadInfo;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's green TCP servers against peers that stop reading, flood a line
 * without end, or come and go by the thousand: memory stays bounded and every handler is
 * released.
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class TcpReliabilityTests {

	private static final Duration BOUND = Duration.ofSeconds(30);

	private static final long HEAP_GROWTH_BOUND_MIB = 32;

	private static final int CONNECTIONS = 10_000;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Environment environment;

	@Autowired
	private GreenHubGroup hubs;

	@Autowired
	private Probes probes;

	private int port(String server) {
		return this.environment.getRequiredProperty("local.green.tcp.servers." + server + ".port", Integer.class);
	}

	@Test
	void aWriterToAPeerThatStopsReadingParksWithBoundedMemoryAndIsReleasedOnClose() throws Exception {
		Leftovers start = Leftovers.of(this.context);
		long heapBefore = Figures.usedHeapAfterGcMiB();
		long ended = this.probes.tcpEnded.get();
		long writtenBefore = this.probes.firehoseWritten.get();
		Socket peer = new Socket();
		peer.setReceiveBufferSize(64 * 1024);
		peer.connect(new java.net.InetSocketAddress("127.0.0.1", port("firehose")));
		peer.getInputStream().readNBytes(TcpHandlers.CHUNK);
		// the peer reads no more: the writer must end up parked in write, not buffering
		await("the firehose writer parked in write").atMost(BOUND).until(this::firehoseParked);
		long written = this.probes.firehoseWritten.get() - writtenBefore;
		long heapStalled = Figures.usedHeapAfterGcMiB();
		assertThat(this.firehoseParked()).isTrue();
		RawHttp.reset(peer);
		await("the writer released").atMost(BOUND).until(() -> this.probes.tcpEnded.get() == ended + 1);
		Leftovers end = start.awaitBack(this.context);
		assertThat(heapStalled - heapBefore).as("heap growth after GC while stalled, MiB")
			.isLessThan(HEAP_GROWTH_BOUND_MIB);
		Figures.record("tcp", "peer stops reading: writer parked in GreenTransport.write after " + (written >> 10)
				+ " KiB written; heap after GC " + heapBefore + " MiB before, " + heapStalled
				+ " MiB while parked (bound +" + HEAP_GROWTH_BOUND_MIB + " MiB); released on reset; left over: " + end);
	}

	private boolean firehoseParked() {
		return this.hubs.hubs()
			.stream()
			.flatMap((hub) -> hub.greenThreads().stream())
			.map(GreenThread::info)
			.anyMatch((info) -> info.state() == Thread.State.WAITING && inWrite(info));
	}

	private static boolean inWrite(GreenThreadInfo info) {
		return info.stack()
			.stream()
			.anyMatch((frame) -> frame.getClassName().equals("io.greenhub.tcp.GreenTransport")
					&& frame.getMethodName().equals("write"));
	}

	@Test
	void aPeerFloodingALineWithoutNewlineIsClosed() throws Exception {
		Leftovers start = Leftovers.of(this.context);
		long tooLong = this.probes.linesTooLong.get();
		long sent = 0;
		boolean closed = false;
		try (Socket peer = RawHttp.open(port("lines"), BOUND)) {
			OutputStream out = peer.getOutputStream();
			byte[] chunk = new byte[64 * 1024];
			java.util.Arrays.fill(chunk, (byte) 'x');
			try {
				// at most 256 MiB: far more than any buffer between the two
				while (sent < (256L << 20)) {
					out.write(chunk);
					sent += chunk.length;
				}
			}
			catch (SocketException ex) {
				closed = true;
			}
			if (!closed) {
				closed = readEnd(peer.getInputStream());
			}
		}
		assertThat(closed).as("connection closed by the server").isTrue();
		await().atMost(BOUND).until(() -> this.probes.linesTooLong.get() == tooLong + 1);
		Leftovers end = start.awaitBack(this.context);
		Figures.record("tcp",
				"peer floods a line without newline (max " + TcpHandlers.MAX_LINE
						+ " bytes): LineTooLongException, connection closed after the peer had sent " + (sent >> 10)
						+ " KiB; left over: " + end);
	}

	private static boolean readEnd(InputStream in) throws IOException {
		try {
			return in.read() < 0;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	@Test
	void tenThousandConnectionsOpenedAndDroppedReleaseEveryHandler() throws Exception {
		Leftovers start = Leftovers.of(this.context);
		long heapBefore = Figures.usedHeapAfterGcMiB();
		long started = this.probes.tcpStarted.get();
		long ended = this.probes.tcpEnded.get();
		int port = port("lines");
		int clients = 8;
		long began = System.nanoTime();
		try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
			List<Future<Integer>> done = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				done.add(threads.submit(() -> {
					int echoed = 0;
					for (int i = 0; i < CONNECTIONS / clients; i++) {
						Socket peer = RawHttp.open(port, BOUND);
						peer.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
						byte[] echo = peer.getInputStream().readNBytes("echo ping\r\n".length());
						if (new String(echo, StandardCharsets.US_ASCII).startsWith("echo ping")) {
							echoed++;
						}
						RawHttp.reset(peer);
					}
					return echoed;
				}));
			}
			int echoed = 0;
			for (Future<Integer> client : done) {
				echoed += client.get();
			}
			assertThat(echoed).isEqualTo(CONNECTIONS);
		}
		long elapsedMillis = (System.nanoTime() - began) / 1_000_000;
		await("every handler ended").atMost(BOUND).until(() -> this.probes.tcpEnded.get() - ended == CONNECTIONS);
		Leftovers end = start.awaitBack(this.context);
		long heapAfter = Figures.usedHeapAfterGcMiB();
		assertThat(this.probes.tcpStarted.get() - started).isEqualTo(CONNECTIONS);
		assertThat(heapAfter - heapBefore).as("heap growth after GC, MiB").isLessThan(HEAP_GROWTH_BOUND_MIB);
		Figures.record("tcp", CONNECTIONS + " connections, 8 at a time, each sending one line, reading its echo and "
				+ "resetting, in " + elapsedMillis + " ms: handlers started " + (this.probes.tcpStarted.get() - started)
				+ ", ended " + (this.probes.tcpEnded.get() - ended) + "; heap after GC " + heapBefore + " MiB before, "
				+ heapAfter + " MiB after (bound +" + HEAP_GROWTH_BOUND_MIB + " MiB); left over: " + end);
	}

}
