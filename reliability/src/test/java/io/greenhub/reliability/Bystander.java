package io.greenhub.reliability;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Another client, served throughout a test: a platform thread that sends
 * {@code GET /hello} on one kept-alive connection, again and again, and counts the
 * answers.
 */
final class Bystander implements AutoCloseable {

	private final Socket socket;

	private final Thread thread;

	// Written by the bystander's thread, read by the test.
	private final AtomicLong answered = new AtomicLong();

	private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

	// Set by the test to stop the bystander; read by its thread.
	private volatile boolean stopped;

	Bystander(int port) throws IOException {
		this.socket = RawHttp.open(port, Duration.ofSeconds(10));
		this.thread = Thread.ofPlatform().name("bystander").daemon().start(this::run);
	}

	private void run() {
		byte[] request = RawHttp.ascii("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
		try {
			while (!this.stopped) {
				this.socket.getOutputStream().write(request);
				String head = RawHttp.readResponse(this.socket);
				if (!head.startsWith("HTTP/1.1 200")) {
					throw new IllegalStateException("Bystander got: " + head);
				}
				this.answered.incrementAndGet();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (!this.stopped) {
				this.failure.set(ex);
			}
		}
	}

	long answered() {
		return this.answered.get();
	}

	@Nullable Throwable failure() {
		return this.failure.get();
	}

	@Override
	public void close() throws IOException {
		this.stopped = true;
		this.socket.close();
		try {
			this.thread.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
