package io.greenhub.spring.web.socket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, frame by frame, so that a test can send
 * what no client library would (an unmasked frame, a reserved opcode) and read the
 * server's frames as they come. Every read waits at most ten seconds.
 */
final class RawWebSocket implements AutoCloseable {

	static final int TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final String response;

	/**
	 * Connects and sends the upgrade request; {@link #isUpgraded()} says whether it was
	 * accepted.
	 * @param receiveBuffer the socket's receive buffer, or 0 for the default
	 */
	RawWebSocket(int port, String path, int receiveBuffer, String... headers) throws IOException {
		this.socket = new Socket();
		if (receiveBuffer > 0) {
			this.socket.setReceiveBufferSize(receiveBuffer);
		}
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
		this.socket.setSoTimeout(10_000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		StringBuilder request = new StringBuilder().append("GET ")
			.append(path)
			.append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1:")
			.append(port)
			.append("\r\n")
			.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ")
			.append(Base64.getEncoder().encodeToString(nonce))
			.append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		this.out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		this.response = readHead();
	}

	RawWebSocket(int port, String path) throws IOException {
		this(port, path, 0);
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed in the upgrade response: " + head);
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/** The upgrade response's status line and headers. */
	String response() {
		return this.response;
	}

	boolean isUpgraded() {
		return this.response.startsWith("HTTP/1.1 101");
	}

	void sendText(String text) throws IOException {
		sendFrame(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8), true);
	}

	void sendBinary(byte[] bytes) throws IOException {
		sendFrame(0x80 | BINARY, bytes, true);
	}

	void sendClose(int code, String reason) throws IOException {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[2 + text.length];
		payload[0] = (byte) (code >> 8);
		payload[1] = (byte) code;
		System.arraycopy(text, 0, payload, 2, text.length);
		sendFrame(0x80 | CLOSE, payload, true);
	}

	/**
	 * Sends one frame as given.
	 * @param first the first byte: FIN, the reserved bits and the opcode
	 * @param masked whether to mask it, as a client must
	 */
	void sendFrame(int first, byte[] payload, boolean masked) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(first);
		int mask = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(mask | payload.length);
		}
		else if (payload.length < 65536) {
			frame.write(mask | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(mask | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >> shift));
			}
		}
		byte[] key = new byte[4];
		if (masked) {
			ThreadLocalRandom.current().nextBytes(key);
			frame.write(key);
		}
		for (int i = 0; i < payload.length; i++) {
			frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/** Sends raw bytes, whatever they are. */
	void sendBytes(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/**
	 * Reads the next frame the server sent, waiting at most ten seconds.
	 * @throws EOFException if the server closed the connection first
	 */
	Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame((first & 0x80) != 0, first & 0x0F, payload);
	}

	/**
	 * Reads frames until a close frame, which it returns; pings and data before it are
	 * skipped.
	 */
	Frame readUntilClose() throws IOException {
		for (;;) {
			Frame frame = readFrame();
			if (frame.opcode() == CLOSE) {
				return frame;
			}
		}
	}

	/**
	 * Whether the server has closed the connection: the next read finds the end of the
	 * stream.
	 */
	boolean isClosedByServer() throws IOException {
		try {
			return this.in.read() < 0;
		}
		catch (java.net.SocketException ex) {
			// reset: the server closed with unread data on its side
			return true;
		}
	}

	Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Frame(boolean fin, int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		int closeCode() {
			return (this.payload.length < 2) ? 1005 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		String closeReason() {
			return (this.payload.length < 2) ? ""
					: new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
		}

	}

}
