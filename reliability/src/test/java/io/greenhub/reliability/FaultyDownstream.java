package io.greenhub.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpServer;

/**
 * A downstream HTTP server that misbehaves by path, written on Reactor Netty's TCP server
 * so that it can answer what no HTTP server would: {@code /ok} answers, {@code /reset}
 * resets the connection, {@code /hang} never answers, {@code /slow} answers after 5
 * seconds, {@code /garbage} answers bytes that are not HTTP.
 */
final class FaultyDownstream implements AutoCloseable {

	private final DisposableServer server;

	// Incremented and decremented by the server's event loop; read by tests.
	private final AtomicInteger open = new AtomicInteger();

	FaultyDownstream() {
		this.server = TcpServer.create().host("127.0.0.1").port(0).doOnConnection((connection) -> {
			this.open.incrementAndGet();
			connection.onDispose(this.open::decrementAndGet);
		}).handle((in, out) -> in.receive().asString(StandardCharsets.US_ASCII).next().flatMap((head) -> {
			Connection[] connection = new Connection[1];
			in.withConnection((c) -> connection[0] = c);
			return answer(head.split(" ", 3)[1], connection[0], out);
		})).bindNow();
	}

	private static Mono<Void> answer(String path, Connection connection, NettyOutbound out) {
		return switch (path) {
			case "/ok" -> out.sendString(Mono.just(ok("fine"))).then();
			case "/reset" -> Mono.fromRunnable(() -> {
				connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
				connection.channel().close();
			});
			case "/hang" -> Mono.never();
			case "/slow" -> Mono.delay(Duration.ofSeconds(5)).then(out.sendString(Mono.just(ok("late"))).then());
			default -> out.sendString(Mono.just("\u0000\u0001 this is not HTTP at all\r\n\r\n")).then();
		};
	}

	/**
	 * An answer that says the connection closes after it, as it does: the server's
	 * handler ends with its first answer, and Reactor Netty then closes the connection.
	 * Without it a client would keep the connection for its next request and could send
	 * that request into the close, which it sees as a premature close instead of the
	 * fault the request asked for.
	 */
	private static String ok(String body) {
		return "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
				+ "\r\n\r\n" + body;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int openConnections() {
		return this.open.get();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

}
