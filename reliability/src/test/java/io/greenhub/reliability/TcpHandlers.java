package io.greenhub.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.greenhub.spring.GreenTcpHandler;
import io.greenhub.tcp.GreenConnectionHandler;
import io.greenhub.tcp.LineTooLongException;
import io.greenhub.tcp.LineTransport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection handlers of the application's green TCP servers: {@code firehose} writes
 * to its peer until the connection closes, {@code lines} echoes lines of at most
 * {@value #MAX_LINE} bytes. Both run on green threads and count their start and end in
 * {@link Probes}.
 */
@Configuration(proxyBeanMethods = false)
class TcpHandlers {

	static final int MAX_LINE = 1024;

	static final int CHUNK = 64 * 1024;

	@Bean
	@GreenTcpHandler("firehose")
	GreenConnectionHandler firehose(Probes probes) {
		return (transport) -> {
			probes.tcpStarted.incrementAndGet();
			byte[] chunk = new byte[CHUNK];
			try {
				for (;;) {
					transport.write(chunk);
					probes.firehoseWritten.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				// the peer went away: the end of this connection
			}
			finally {
				probes.tcpEnded.incrementAndGet();
			}
		};
	}

	@Bean
	@GreenTcpHandler("lines")
	GreenConnectionHandler lines(Probes probes) {
		return (transport) -> {
			probes.tcpStarted.incrementAndGet();
			try (LineTransport lines = new LineTransport(transport, StandardCharsets.UTF_8, MAX_LINE)) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					lines.sendLine("echo " + line);
				}
			}
			catch (LineTooLongException ex) {
				probes.linesTooLong.incrementAndGet();
			}
			catch (IOException ex) {
				// reset by the peer
			}
			finally {
				probes.tcpEnded.incrementAndGet();
			}
		};
	}

}
