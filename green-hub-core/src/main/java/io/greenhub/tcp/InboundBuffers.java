package io.greenhub.tcp;

import java.io.IOException;

import io.greenhub.internal.PublisherIterator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * The buffers a connection has received and its reader has not consumed yet. Requests a
 * few at a time from Reactor Netty, whose demand drives the socket's auto-read: so a
 * reader that stops reading stops the socket from being read. Read by one green thread at
 * a time; closed by it or by any other thread.
 */
final class InboundBuffers {

	/**
	 * Marks the end of the peer's output after a half-close: passed through the pipeline
	 * after the data, and told apart by identity. Retaining and releasing it do nothing.
	 */
	static final ByteBuf END_OF_INPUT = Unpooled.unreleasableBuffer(Unpooled.buffer(0, 0));

	private static final int BATCH = 4;

	// Nothing is requested after the end-of-input marker; a kill of the reader leaves the
	// input open.
	private final PublisherIterator<ByteBuf> buffers = new PublisherIterator<>(BATCH, ByteBuf::release,
			(buffer) -> buffer == END_OF_INPUT, false);

	// Written and read by the reading thread only: the buffer being consumed, or null.
	private @Nullable ByteBuf current;

	// Written and read by the reading thread only: whether the end of the peer's output
	// was read.
	private boolean ended;

	// Written by the reading thread as it first reads; read by a closing thread.
	private volatile @Nullable Thread reader;

	// Set by the thread that closes; read by the reader, which then releases its current
	// buffer.
	private volatile boolean closed;

	InboundBuffers(Connection connection) {
		connection.inbound().receive().retain().subscribe(this.buffers);
	}

	/**
	 * Returns a buffer with readable bytes, waiting for one; or {@code null} at the end
	 * of the stream, or once the transport is closed.
	 */
	@Nullable ByteBuf current(String operation) throws IOException {
		this.reader = Thread.currentThread();
		ByteBuf buffer = this.current;
		while (buffer == null || !buffer.isReadable() || this.closed) {
			if (buffer != null) {
				buffer.release();
				this.current = null;
			}
			if (this.ended || this.closed) {
				return null;
			}
			try {
				if (!this.buffers.hasNext()) {
					return null;
				}
			}
			catch (IllegalStateException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				throw IoFailures.unwrap(ex, operation);
			}
			buffer = this.buffers.next();
			if (buffer == END_OF_INPUT) {
				this.ended = true;
				return null;
			}
			this.current = buffer;
		}
		return buffer;
	}

	/**
	 * Releases the current buffer once it has been read to its end.
	 */
	void consumed() {
		ByteBuf buffer = this.current;
		if (buffer != null && !buffer.isReadable()) {
			buffer.release();
			this.current = null;
		}
	}

	/**
	 * Stops reading and drops what has arrived. A reader parked meanwhile wakes and sees
	 * the end; the buffer it holds is released by the reader itself, unless the closing
	 * thread is the reader.
	 */
	void close() {
		this.closed = true;
		this.buffers.close();
		Thread readingThread = this.reader;
		if (readingThread == null || readingThread == Thread.currentThread()) {
			ByteBuf buffer = this.current;
			if (buffer != null) {
				this.current = null;
				buffer.release();
			}
		}
	}

}
