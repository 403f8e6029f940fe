package io.greenhub.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on one kept-alive socket, for tests that must know which event loop serves
 * them: a connection stays on the loop that accepted it.
 */
public final class KeptAliveConnection {

	private KeptAliveConnection() {
	}

	/**
	 * Sends a GET on the connection and reads the whole response, by its Content-Length;
	 * blocks the calling thread at most the socket's timeout per read.
	 * @param socket the connection
	 * @param path the path to get
	 * @return the status line, headers and body
	 * @throws IOException if the connection fails or closes
	 */
	public static String get(Socket socket, String path) throws IOException {
		send(socket, path);
		return read(socket);
	}

	/**
	 * Sends a GET on the connection without reading the response.
	 * @param socket the connection
	 * @param path the path to get
	 * @throws IOException if the connection fails
	 */
	public static void send(Socket socket, String path) throws IOException {
		socket.getOutputStream()
			.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Reads one whole response from the connection, by its Content-Length.
	 * @param socket the connection
	 * @return the status line, headers and body
	 * @throws IOException if the connection fails or closes
	 */
	public static String read(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed after: " + head);
			}
			head.append((char) b);
		}
		int length = Integer.parseInt(head.toString().replaceAll("(?si).*content-length: *(\\d+).*", "$1"));
		return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
