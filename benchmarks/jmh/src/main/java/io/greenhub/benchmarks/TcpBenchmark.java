package io.greenhub.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.greenhub.tcp.GreenClient;
import io.greenhub.tcp.GreenServer;
import io.greenhub.tcp.GreenTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * TCP over loopback with the same technology at both ends: green transports (in loop and
 * pool mode), a plain Reactor Netty handler, and blocking JDK sockets on virtual threads.
 * Echo: 64-byte round trips, one at a time, on one connection. Bulk: 64 KiB writes that
 * the server reads and drops.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1,
		jvmArgsAppend = { "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED" })
@State(Scope.Benchmark)
@NullUnmarked // JMH state: @Setup sets only the fields of the client or transport under
				// test
public class TcpBenchmark {

	private static final int ROUND_TRIPS = 1000;

	private static final int CHUNKS = 256;

	private static final int CHUNK = 64 * 1024;

	@Param({ "GREEN_LOOP", "GREEN_POOL", "REACTOR_NETTY", "JDK_VIRTUAL" })
	public String transport = "GREEN_LOOP";

	private @Nullable GreenHubGroup hubs;

	private @Nullable GreenServer greenEcho;

	private @Nullable GreenServer greenSink;

	private @Nullable DisposableServer nettyEcho;

	private @Nullable DisposableServer nettySink;

	private @Nullable ServerSocket jdkEcho;

	private @Nullable ServerSocket jdkSink;

	private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();

	@Setup(Level.Trial)
	public void start() throws IOException {
		InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
		switch (this.transport) {
			case "GREEN_LOOP", "GREEN_POOL" -> {
				GreenHubGroup group = GreenHubGroup.builder()
					.name("tcp")
					.hubs(2)
					.mode(this.transport.equals("GREEN_LOOP") ? HubMode.LOOP : HubMode.POOL)
					.build();
				this.hubs = group;
				this.greenEcho = GreenServer.bind(group, any, (connection) -> {
					for (byte[] bytes = connection.read(CHUNK); bytes.length > 0; bytes = connection.read(CHUNK)) {
						connection.write(bytes);
					}
				});
				this.greenSink = GreenServer.bind(group, any, (connection) -> {
					while (connection.read(CHUNK).length > 0) {
						// drop
					}
				});
			}
			case "REACTOR_NETTY" -> {
				this.nettyEcho = TcpServer.create()
					.bindAddress(() -> any)
					.handle((in, out) -> out.send(in.receive().retain()))
					.bindNow();
				this.nettySink = TcpServer.create()
					.bindAddress(() -> any)
					.handle((in, out) -> in.receive().then())
					.bindNow();
			}
			default -> {
				this.jdkEcho = jdkServer(true);
				this.jdkSink = jdkServer(false);
			}
		}
	}

	private ServerSocket jdkServer(boolean echo) throws IOException {
		ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		this.virtualThreads.submit(() -> {
			while (!server.isClosed()) {
				Socket socket = server.accept();
				this.virtualThreads.submit(() -> serveJdk(socket, echo));
			}
			return null;
		});
		return server;
	}

	private static Void serveJdk(Socket socket, boolean echo) throws IOException {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			byte[] bytes = new byte[CHUNK];
			for (int n = in.read(bytes); n > 0; n = in.read(bytes)) {
				if (echo) {
					out.write(bytes, 0, n);
					out.flush();
				}
			}
		}
		return null;
	}

	@TearDown(Level.Trial)
	public void stop() throws IOException {
		if (this.greenEcho != null) {
			this.greenEcho.close(Duration.ZERO);
			this.greenSink.close(Duration.ZERO);
		}
		if (this.hubs != null) {
			this.hubs.close();
		}
		if (this.nettyEcho != null) {
			this.nettyEcho.disposeNow();
			this.nettySink.disposeNow();
		}
		if (this.jdkEcho != null) {
			this.jdkEcho.close();
			this.jdkSink.close();
		}
		this.virtualThreads.shutdownNow();
	}

	@Benchmark
	@OperationsPerInvocation(ROUND_TRIPS)
	public int echoRoundTrip() throws Exception {
		byte[] message = new byte[64];
		return switch (this.transport) {
			case "GREEN_LOOP", "GREEN_POOL" -> this.hubs.spawn(() -> {
				try (GreenTransport connection = GreenClient.connect("127.0.0.1", this.greenEcho.port())) {
					for (int i = 0; i < ROUND_TRIPS; i++) {
						connection.write(message);
						connection.readExactly(message.length);
					}
				}
				return ROUND_TRIPS;
			}).join();
			case "REACTOR_NETTY" -> nettyRoundTrips(message);
			default -> this.virtualThreads.submit(() -> {
				try (Socket socket = new Socket("127.0.0.1", this.jdkEcho.getLocalPort())) {
					socket.setTcpNoDelay(true);
					for (int i = 0; i < ROUND_TRIPS; i++) {
						socket.getOutputStream().write(message);
						socket.getInputStream().readNBytes(message.length);
					}
				}
				return ROUND_TRIPS;
			}).get();
		};
	}

	private int nettyRoundTrips(byte[] message) {
		Sinks.One<Integer> done = Sinks.one();
		AtomicInteger left = new AtomicInteger(ROUND_TRIPS);
		AtomicInteger pending = new AtomicInteger(message.length);
		Connection connection = TcpClient.newConnection()
			.host("127.0.0.1")
			.port(this.nettyEcho.port())
			.handle((in, out) -> in.receive().doOnNext((ByteBuf bytes) -> {
				if (pending.addAndGet(-bytes.readableBytes()) == 0) {
					pending.set(message.length);
					if (left.decrementAndGet() == 0) {
						done.tryEmitValue(ROUND_TRIPS);
					}
					else {
						out.sendObject(Unpooled.wrappedBuffer(message)).then().subscribe();
					}
				}
			}).then())
			.connectNow();
		connection.outbound().sendObject(Unpooled.wrappedBuffer(message)).then().subscribe();
		Integer trips = done.asMono().block(Duration.ofSeconds(30));
		connection.disposeNow();
		return (trips != null) ? trips : 0;
	}

	@Benchmark
	@OperationsPerInvocation(CHUNKS)
	public int bulkChunk() throws Exception {
		byte[] chunk = new byte[CHUNK];
		return switch (this.transport) {
			case "GREEN_LOOP", "GREEN_POOL" -> this.hubs.spawn(() -> {
				try (GreenTransport connection = GreenClient.connect("127.0.0.1", this.greenSink.port())) {
					for (int i = 0; i < CHUNKS; i++) {
						connection.write(chunk);
					}
				}
				return CHUNKS;
			}).join();
			case "REACTOR_NETTY" -> {
				Connection connection = TcpClient.newConnection()
					.host("127.0.0.1")
					.port(this.nettySink.port())
					.connectNow();
				connection.outbound()
					.send(reactor.core.publisher.Flux.range(0, CHUNKS).map((i) -> Unpooled.wrappedBuffer(chunk)))
					.then()
					.block(Duration.ofSeconds(30));
				connection.disposeNow();
				yield CHUNKS;
			}
			default -> this.virtualThreads.submit(() -> {
				try (Socket socket = new Socket("127.0.0.1", this.jdkSink.getLocalPort())) {
					OutputStream out = socket.getOutputStream();
					for (int i = 0; i < CHUNKS; i++) {
						out.write(chunk);
					}
				}
				return CHUNKS;
			}).get();
		};
	}

}
