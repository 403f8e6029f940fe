package io.greenhub.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Lines over a {@link GreenTransport}: eventlet's {@code LineOnlyReceiverTransport}.
 * Lines end with {@code \n}, and a {@code \r} before it is dropped; {@link #sendLine}
 * ends lines with {@code \r\n}. A line longer than the maximum closes the connection with
 * a {@link LineTooLongException}, so a peer that never ends its line cannot fill the
 * memory.
 *
 * <p>
 * One green thread reads lines and one sends them (they may be the same); reading parks
 * it until a line is complete. Waits behave as the transport's.
 */
public final class LineTransport implements AutoCloseable {

	private static final int CHUNK = 4096;

	private final GreenTransport transport;

	private final Charset charset;

	private final int maxLineLength;

	// Used by the reading thread only: bytes read past the last line returned, and the
	// start of the
	// line being read, kept across a read that a kill or timeout interrupts.
	private byte[] pending = new byte[0];

	private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	private int pendingStart;

	/**
	 * Reads and sends UTF-8 lines of at most 8,192 bytes.
	 * @param transport the connection
	 */
	public LineTransport(GreenTransport transport) {
		this(transport, StandardCharsets.UTF_8, 8192);
	}

	/**
	 * Reads and sends lines in the charset, of at most {@code maxLineLength} bytes.
	 * @param transport the connection
	 * @param charset the charset of the lines
	 * @param maxLineLength the most bytes a line may have, without its end
	 */
	public LineTransport(GreenTransport transport, Charset charset, int maxLineLength) {
		this.transport = Objects.requireNonNull(transport, "transport");
		this.charset = Objects.requireNonNull(charset, "charset");
		if (maxLineLength < 1) {
			throw new IllegalArgumentException("Maximum line length must be positive, was: " + maxLineLength);
		}
		if (!java.util.Arrays.equals("\r\n".getBytes(charset), new byte[] { '\r', '\n' })) {
			throw new IllegalArgumentException("Line charset must encode line ends as single bytes, was: " + charset);
		}
		this.maxLineLength = maxLineLength;
	}

	/**
	 * Reads the next line, waiting until it is complete.
	 * @return the line without its end, or {@code null} at the end of the stream (a last
	 * line without an end is returned first)
	 * @throws LineTooLongException if the line is longer than the maximum; the connection
	 * is closed
	 * @throws IOException if the connection failed
	 */
	public @Nullable String readLine() throws IOException {
		ByteArrayOutputStream line = this.partial;
		for (;;) {
			for (int i = this.pendingStart; i < this.pending.length; i++) {
				if (this.pending[i] == '\n') {
					line.write(this.pending, this.pendingStart, i - this.pendingStart);
					this.pendingStart = i + 1;
					return decode(line);
				}
			}
			line.write(this.pending, this.pendingStart, this.pending.length - this.pendingStart);
			this.pendingStart = this.pending.length;
			if (line.size() - 1 > this.maxLineLength) {
				tooLong();
			}
			byte[] more = this.transport.read(CHUNK);
			if (more.length == 0) {
				return (line.size() > 0) ? decode(line) : null;
			}
			this.pending = more;
			this.pendingStart = 0;
		}
	}

	private String decode(ByteArrayOutputStream line) throws IOException {
		byte[] bytes = line.toByteArray();
		line.reset();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		if (length > this.maxLineLength) {
			tooLong();
		}
		return new String(bytes, 0, length, this.charset);
	}

	private void tooLong() throws LineTooLongException {
		this.transport.close();
		throw new LineTooLongException("Line from " + this.transport + " is longer than " + this.maxLineLength
				+ " bytes; the connection is closed");
	}

	/**
	 * Sends the line followed by {@code \r\n}, waiting while the channel is not writable.
	 * The line is written and flushed to the channel at once, as
	 * {@link GreenTransport#write(byte[])} does: no flush is needed after it, and it
	 * returns before the operating system has taken the bytes
	 * ({@link GreenTransport#flush()} waits for that).
	 * @param line the line, without an end
	 * @throws IOException if the connection failed or is closed
	 */
	public void sendLine(String line) throws IOException {
		Objects.requireNonNull(line, "line");
		this.transport.write((line + "\r\n").getBytes(this.charset));
	}

	/**
	 * Returns the transport the lines go over.
	 * @return the transport
	 */
	public GreenTransport transport() {
		return this.transport;
	}

	/**
	 * Closes the connection, as {@link GreenTransport#close()}.
	 */
	@Override
	public void close() {
		this.transport.close();
	}

}
