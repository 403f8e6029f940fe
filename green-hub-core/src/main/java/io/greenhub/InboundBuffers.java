package io.greenhub;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * The buffers a connection has received and its reader has not consumed yet. Requests a few at a
 * time from Reactor Netty, whose demand drives the socket's auto-read: so a reader that stops
 * reading stops the socket from being read. Used by the one reading green thread.
 */
final class InboundBuffers {

	private static final int BATCH = 4;

	// The empty buffer that marks a half-close is the last one: nothing more is read after it.
	private final PublisherIterator<ByteBuf> buffers = new PublisherIterator<>(BATCH, ByteBuf::release,
			(buffer) -> !buffer.isReadable());

	// Written and read by the reading thread only: the buffer being consumed, or null.
	private @Nullable ByteBuf current;

	// Written and read by the reading thread only: whether the peer's end of output has been read.
	private boolean ended;

	InboundBuffers(Connection connection) {
		connection.inbound().receive().retain().subscribe(this.buffers);
	}

	/**
	 * Returns a buffer with readable bytes, waiting for one; or {@code null} at the end of the
	 * stream.
	 */
	@Nullable ByteBuf current(String operation) throws IOException {
		ByteBuf buffer = this.current;
		while (buffer == null || !buffer.isReadable()) {
			if (this.ended) {
				return null;
			}
			if (buffer != null) {
				buffer.release();
				this.current = null;
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
			if (!buffer.isReadable()) {
				// a half-close: the empty buffer that marks the end of the peer's output
				buffer.release();
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

	void close() {
		ByteBuf buffer = this.current;
		if (buffer != null) {
			this.current = null;
			buffer.release();
		}
		this.buffers.close();
	}

}
