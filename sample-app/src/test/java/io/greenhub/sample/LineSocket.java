package io.greenhub.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A raw TCP client for line protocols, as {@code nc} is: every read waits at most five
 * seconds.
 */
public final class LineSocket implements AutoCloseable {

	private static final int READ_TIMEOUT_MILLIS = 5000;

	private final Socket socket;

	private final BufferedReader in;

	private final OutputStream out;

	public LineSocket(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
		this.out = this.socket.getOutputStream();
	}

	/**
	 * Sends the line with a {@code \n}.
	 * @param line the line
	 * @throws IOException if the connection failed
	 */
	public void send(String line) throws IOException {
		this.out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
		this.out.flush();
	}

	/**
	 * Reads the next line.
	 * @return the line, or null at the end of the stream
	 * @throws SocketTimeoutException if no line came within five seconds
	 * @throws IOException if the connection failed
	 */
	public @Nullable String readLine() throws IOException {
		return this.in.readLine();
	}

	/**
	 * Returns whether some of a line has arrived already, so that {@link #readLine()}
	 * does not wait for its start.
	 * @return whether input is there
	 * @throws IOException if the connection failed
	 */
	public boolean ready() throws IOException {
		return this.in.ready();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
