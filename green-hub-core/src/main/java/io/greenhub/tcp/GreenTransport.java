package io.greenhub.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.internal.Blocking;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/**
 * A TCP connection used in a synchronous style from a green thread: reads that wait for
 * data and writes that wait for room. It is eventlet's {@code GreenTransport} over
 * Twisted, here over a Reactor Netty {@link Connection}.
 *
 * <pre>{@code
 * try (GreenTransport transport = GreenClient.connect("localhost", 7000)) {
 *     transport.write("ping\n".getBytes(US_ASCII));
 *     byte[] reply = transport.readExactly(5);
 * }
 * }</pre>
 *
 * <h2>Back-pressure</h2> Reads are backed by Netty's flow control: while the reading
 * green thread does not read, the socket is not read either, so a slow reader holds a
 * bounded amount of memory. A write parks the green thread while the channel is not
 * writable (Netty's write buffer is above its high-water mark), so a fast writer to a
 * slow peer holds a bounded amount of memory too.
 *
 * <h2>Threads</h2> One green thread reads and one writes at a time (they may be the
 * same). The reading and writing operations park a green thread and block a platform
 * thread; on an event loop they throw {@link IllegalStateException}. A kill or an
 * interrupt ends a wait with {@link GreenKilledException} and leaves the connection open.
 * The address accessors return at once.
 *
 * <h2>Errors</h2> A connection reset by the peer, or any other I/O failure, reaches the
 * waiting green thread as an {@link IOException}; after that the connection is closed.
 */
public final class GreenTransport implements AutoCloseable {

	/** How long {@link #close()} waits at most for what was written to be flushed. */
	private static final Duration CLOSE_FLUSH_LIMIT = Duration.ofSeconds(5);

	private final Connection connection;

	private final InboundBuffers inbound;

	private final Writability writability;

	/**
	 * Wraps a connection, as {@link GreenClient} and {@link GreenServer} do. Its inbound
	 * must not have been subscribed to: the transport reads it.
	 * @param connection the connection
	 */
	public GreenTransport(Connection connection) {
		this.connection = Objects.requireNonNull(connection, "connection");
		this.writability = Writability.install(connection);
		this.inbound = new InboundBuffers(connection);
	}

	/**
	 * Reads what has arrived, at most {@code max} bytes, waiting if nothing has.
	 * @param max the most bytes to return
	 * @return the bytes read, at least one; an empty array if and only if the peer has
	 * closed its side and every byte has been read
	 * @throws IOException if the connection failed
	 */
	public byte[] read(int max) throws IOException {
		if (max < 1) {
			throw new IllegalArgumentException("Read size must be positive, was: " + max);
		}
		ByteBuf buffer = this.inbound.current("GreenTransport.read");
		if (buffer == null) {
			return new byte[0];
		}
		byte[] bytes = new byte[Math.min(max, buffer.readableBytes())];
		buffer.readBytes(bytes);
		this.inbound.consumed();
		return bytes;
	}

	/**
	 * Reads exactly {@code length} bytes, waiting for them.
	 * @param length how many bytes
	 * @return the bytes
	 * @throws EOFException if the peer closed its side before that many bytes came
	 * @throws IOException if the connection failed
	 */
	public byte[] readExactly(int length) throws IOException {
		if (length < 0) {
			throw new IllegalArgumentException("Read length must not be negative, was: " + length);
		}
		byte[] bytes = new byte[length];
		int filled = 0;
		while (filled < length) {
			ByteBuf buffer = this.inbound.current("GreenTransport.readExactly");
			if (buffer == null) {
				throw new EOFException("Connection " + this + " ended after " + filled + " of " + length + " bytes");
			}
			int chunk = Math.min(length - filled, buffer.readableBytes());
			buffer.readBytes(bytes, filled, chunk);
			filled += chunk;
			this.inbound.consumed();
		}
		return bytes;
	}

	/**
	 * Returns whether the peer has closed its side and every byte has been read, waiting
	 * for data or the end if neither has come yet.
	 * @return whether the input has ended
	 * @throws IOException if the connection failed
	 */
	public boolean isEndOfStream() throws IOException {
		return this.inbound.current("GreenTransport.isEndOfStream") == null;
	}

	/**
	 * Writes the bytes, first waiting while the channel is not writable. The bytes are
	 * copied.
	 * @param bytes the bytes
	 * @throws IOException if the connection failed or is closed
	 */
	public void write(byte[] bytes) throws IOException {
		Objects.requireNonNull(bytes, "bytes");
		write(Unpooled.copiedBuffer(bytes));
	}

	/**
	 * Writes the remaining bytes of the buffer, first waiting while the channel is not
	 * writable. The bytes are copied; the buffer's position moves to its limit.
	 * @param bytes the bytes
	 * @throws IOException if the connection failed or is closed
	 */
	public void write(ByteBuffer bytes) throws IOException {
		Objects.requireNonNull(bytes, "bytes");
		write(Unpooled.copiedBuffer(bytes));
	}

	private void write(ByteBuf buffer) throws IOException {
		Channel channel = this.connection.channel();
		try {
			this.writability.awaitWritable(channel, "GreenTransport.write");
		}
		catch (IOException | RuntimeException ex) {
			buffer.release();
			throw ex;
		}
		channel.writeAndFlush(buffer, channel.voidPromise());
	}

	/**
	 * Waits until everything written so far has been handed to the operating system.
	 * @throws IOException if the connection failed
	 */
	public void flush() throws IOException {
		Channel channel = this.connection.channel();
		ChannelFuture written = channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
		try {
			Green.blockOn(IoFailures.toCompletionStage(written));
		}
		catch (RuntimeException ex) {
			throw IoFailures.unwrap(ex, this);
		}
	}

	/**
	 * Closes the output side only (a half-close): the peer reads the end of the stream,
	 * and this side can still read. Waits until the shutdown is done.
	 * @throws IOException if the connection failed
	 */
	public void shutdownOutput() throws IOException {
		flush();
		if (this.connection.channel() instanceof DuplexChannel duplex) {
			try {
				Green.blockOn(IoFailures.toCompletionStage(duplex.shutdownOutput()));
			}
			catch (RuntimeException ex) {
				throw IoFailures.unwrap(ex, this);
			}
		}
		else {
			throw new IOException("Connection " + this + " cannot be half-closed");
		}
	}

	/**
	 * Closes the connection, dropping what has arrived and not been read. What has been
	 * written is flushed first: on a green thread or a platform thread, close waits until
	 * it has been handed to the operating system, at most 5 seconds (a peer that does not
	 * read cannot hold it longer); on an event loop it closes once that is done, without
	 * waiting. A kill or timeout that reaches the caller meanwhile is thrown after the
	 * connection is closed.
	 */
	@Override
	public void close() {
		this.inbound.close();
		Channel channel = this.connection.channel();
		if (channel.isActive() && Blocking.isEventLoopThread()) {
			channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((done) -> this.connection.dispose());
			return;
		}
		RuntimeException interruption = null;
		if (channel.isActive()) {
			try {
				Green.blockOn(IoFailures.toCompletionStage(channel.writeAndFlush(Unpooled.EMPTY_BUFFER))
					.toCompletableFuture()
					.orTimeout(CLOSE_FLUSH_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (RuntimeException ex) {
				// a kill or timeout goes on once closed; a flush that failed or took too
				// long closes all the same
				interruption = Blocking.isInterruption(ex) ? ex : null;
			}
		}
		this.connection.dispose();
		if (interruption != null) {
			throw interruption;
		}
	}

	/**
	 * Returns whether the connection is still open.
	 * @return whether it is open
	 */
	public boolean isOpen() {
		return this.connection.channel().isActive();
	}

	/**
	 * Returns the local address.
	 * @return the local address
	 */
	public @Nullable SocketAddress localAddress() {
		return this.connection.channel().localAddress();
	}

	/**
	 * Returns the remote address.
	 * @return the remote address
	 */
	public @Nullable SocketAddress remoteAddress() {
		return this.connection.channel().remoteAddress();
	}

	/**
	 * Returns the underlying Reactor Netty connection, for anything else.
	 * @return the connection
	 */
	public Connection connection() {
		return this.connection;
	}

	@Override
	public String toString() {
		return localAddress() + " -> " + remoteAddress();
	}

}
