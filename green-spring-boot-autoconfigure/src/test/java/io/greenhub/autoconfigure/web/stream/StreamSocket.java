package io.greenhub.autoconfigure.web.stream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client of one streamed response, that reads exactly as fast as its test
 * asks: its socket's receive buffer is small, so what the operating system holds for it
 * is small too. Reads block the test's thread at most the socket's timeout.
 */
final class StreamSocket implements AutoCloseable {

	/** The receive buffer of the client's socket, in bytes (the kernel doubles it). */
	static final int RECEIVE_BUFFER = 4096;

	private final Socket socket;

	private final InputStream in;

	private String head = "";

	// The bytes left in the current chunk of the body; -1 once the last chunk has been
	// read.
	private int chunkLeft;

	private StreamSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 512);
	}

	/** Connects, sends a GET, and reads the response's head. */
	static StreamSocket get(int port, String path) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(RECEIVE_BUFFER);
		socket.setSoTimeout(10_000);
		socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		StreamSocket stream = new StreamSocket(socket);
		stream.head = stream.readHead();
		return stream;
	}

	private String readHead() throws IOException {
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("Connection closed after: " + head);
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/** The status line and headers. */
	String head() {
		return this.head;
	}

	/**
	 * Reads the next server-sent event (up to its blank line) of the chunked body.
	 * @return the event's lines, or {@code null} at the end of the body (its last chunk)
	 * @throws IOException if the connection ends before the body does: the stream was
	 * aborted
	 */
	String readEvent() throws IOException {
		ByteArrayOutputStream event = new ByteArrayOutputStream();
		int previous = -1;
		for (;;) {
			int b = readBodyByte();
			if (b < 0) {
				if (event.size() > 0) {
					throw new IOException("The body ended inside an event: " + event);
				}
				return null;
			}
			if (b == '\n' && previous == '\n') {
				String text = event.toString(StandardCharsets.UTF_8);
				return text.substring(0, text.length() - 1);
			}
			event.write(b);
			previous = b;
		}
	}

	private int readBodyByte() throws IOException {
		if (this.chunkLeft < 0) {
			return -1;
		}
		if (this.chunkLeft == 0 && readChunkSize() == 0) {
			this.chunkLeft = -1;
			return -1;
		}
		int b = this.in.read();
		if (b < 0) {
			throw new IOException("The connection ended inside a chunk: the stream was aborted");
		}
		this.chunkLeft--;
		if (this.chunkLeft == 0) {
			expect('\r');
			expect('\n');
		}
		return b;
	}

	private int readChunkSize() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b < 0) {
				throw new IOException("The connection ended before the last chunk: the stream was aborted");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		this.chunkLeft = Integer.parseInt(line.toString().trim(), 16);
		return this.chunkLeft;
	}

	private void expect(char expected) throws IOException {
		int b = this.in.read();
		if (b != expected) {
			throw new IOException("Expected " + (int) expected + " after a chunk, read " + b);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
