package io.greenhub.sample.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain JDK echo server on a free loopback port, a platform thread per connection: it
 * writes back what it reads and ends its output when its input ends.
 */
final class EchoServer implements AutoCloseable {

	private final ServerSocket socket;

	EchoServer() throws IOException {
		this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofPlatform().daemon().name("echo-acceptor").start(this::accept);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		try {
			for (;;) {
				Socket connection = this.socket.accept();
				Thread.ofPlatform().daemon().name("echo").start(() -> echo(connection));
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	private static void echo(Socket connection) {
		try (connection) {
			InputStream in = connection.getInputStream();
			OutputStream out = connection.getOutputStream();
			in.transferTo(out);
			connection.shutdownOutput();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
