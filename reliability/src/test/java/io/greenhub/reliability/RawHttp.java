package io.greenhub.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 written by hand on a plain socket, for requests no HTTP client would send.
 */
final class RawHttp {

	/**
	 * What {@link #statusOrClosed} returns when the server closed the connection without
	 * an answer.
	 */
	static final String CLOSED = "closed";

	private RawHttp() {
	}

	static Socket open(int port, Duration readBound) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout((int) readBound.toMillis());
		socket.setTcpNoDelay(true);
		return socket;
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Reads the status code of the answer, or {@link #CLOSED} if the connection closes
	 * (or is reset) first; blocks at most the socket's timeout per read. An answer of
	 * another version than HTTP/1.1 is returned with its version ({@code HTTP/9.9 200}),
	 * so that a test sees it.
	 * @throws SocketTimeoutException if the server neither answers nor closes within the
	 * bound
	 * @throws IOException if what the server sent is no HTTP status line
	 */
	static String statusOrClosed(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
				line.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (SocketException ex) {
			// reset by the server
			return CLOSED;
		}
		String status = line.toString(StandardCharsets.US_ASCII).trim();
		if (status.isEmpty()) {
			return CLOSED;
		}
		if (status.startsWith("HTTP/1.1 ") && status.length() >= 12) {
			return status.substring(9, 12);
		}
		if (status.matches("HTTP/\\d+(\\.\\d+)? \\d{3}( .*)?")) {
			return status.substring(0, status.indexOf(' ') + 4);
		}
		throw new IOException("Not an HTTP status line: '" + status + "'");
	}

	/**
	 * Reads one whole answer, its length given by Content-Length; blocks at most the
	 * socket's timeout per read.
	 * @throws IOException if the connection closes first
	 */
	static String readResponse(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (head.indexOf("\r\n\r\n") < 0) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed after: " + head);
			}
			head.append((char) b);
		}
		int length = Integer.parseInt(head.toString().replaceAll("(?si).*content-length: *(\\d+).*", "$1"));
		return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	/**
	 * Closes the socket with a reset rather than a FIN, so the client side keeps no
	 * TIME_WAIT.
	 */
	static void reset(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

}
