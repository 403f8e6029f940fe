package io.greenhub.sample.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * An upstream on a raw loopback socket that never ends what it sends: after its head it
 * writes chunks until the connection is closed by the other side, on a platform thread of
 * its own, one connection at a time. It counts the bytes written and notes when the other
 * side closed.
 */
final class RawUpstream implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] head;

	private final byte[] chunk;

	private final Duration pause;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicLong written = new AtomicLong();

	private final Thread thread;

	// Written by the serving thread at each accept; read by close.
	private volatile @Nullable Socket current;

	private RawUpstream(byte[] head, byte[] chunk, Duration pause) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.head = head;
		this.chunk = chunk;
		this.pause = pause;
		this.thread = Thread.ofPlatform().daemon().name("raw-upstream").start(this::serve);
	}

	/**
	 * An HTTP upstream that answers 200 with an endless chunked body of 64 KiB chunks, as
	 * fast as it can.
	 */
	static RawUpstream endlessBody() throws IOException {
		return new RawUpstream(chunkedHead(), chunk(64 * 1024), Duration.ZERO);
	}

	/**
	 * An HTTP upstream that answers 200 with an endless chunked body, one byte every 20
	 * ms.
	 */
	static RawUpstream tricklingBody() throws IOException {
		return new RawUpstream(chunkedHead(), chunk(1), Duration.ofMillis(20));
	}

	/**
	 * A plain-text service that greets each connection with a banner, then says nothing.
	 */
	static RawUpstream banner(String banner) throws IOException {
		return new RawUpstream(banner.getBytes(StandardCharsets.US_ASCII), new byte[0], Duration.ZERO);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Waits for the other side to close a connection.
	 * @return whether it did within the time
	 */
	boolean awaitClosed(Duration time) throws InterruptedException {
		return this.closed.await(time.toMillis(), TimeUnit.MILLISECONDS);
	}

	long written() {
		return this.written.get();
	}

	private static byte[] chunkedHead() {
		return ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] chunk(int size) {
		byte[] data = new byte[size];
		Arrays.fill(data, (byte) 'x');
		byte[] prefix = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] chunk = new byte[prefix.length + size + 2];
		System.arraycopy(prefix, 0, chunk, 0, prefix.length);
		System.arraycopy(data, 0, chunk, prefix.length, size);
		chunk[chunk.length - 2] = '\r';
		chunk[chunk.length - 1] = '\n';
		return chunk;
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.current = socket;
				OutputStream out = socket.getOutputStream();
				out.write(this.head);
				out.flush();
				if (this.chunk.length == 0) {
					// a banner: wait for the other side to go
					InputStream in = socket.getInputStream();
					while (in.read() >= 0) {
						// discard
					}
				}
				else {
					for (;;) {
						out.write(this.chunk);
						this.written.addAndGet(this.chunk.length);
						if (!this.pause.isZero()) {
							out.flush();
							Thread.sleep(this.pause);
						}
					}
				}
			}
			catch (IOException ex) {
				// the other side closed the connection, or this upstream is closed
			}
			catch (InterruptedException ex) {
				return;
			}
			this.closed.countDown();
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.thread.interrupt();
		Socket socket = this.current;
		if (socket != null) {
			socket.close();
		}
	}

}
