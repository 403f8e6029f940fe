package io.greenhub.spring.web.socket;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenThread;
import io.greenhub.autoconfigure.web.GreenHandlerApplication;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.server.WebFilter;

/**
 * The application of the green WebSocket tests: green handlers mapped as WebFlux maps its
 * own, and what they saw, for the tests to look at.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class GreenWebSocketApplication {

	/**
	 * How each session of {@code /echo} ended, as its handler saw it after receive
	 * returned null.
	 */
	static final BlockingQueue<CloseStatus> closes = new LinkedBlockingQueue<>();

	/** The sessions of {@code /flood} and their green threads, as they start. */
	static final BlockingQueue<Flood> floods = new LinkedBlockingQueue<>();

	@Bean
	SimpleUrlHandlerMapping greenSockets() {
		return new SimpleUrlHandlerMapping(Map.of("/echo", (GreenWebSocketHandler) GreenWebSocketApplication::echo,
				"/once", (GreenWebSocketHandler) GreenWebSocketApplication::once, "/flood",
				(GreenWebSocketHandler) GreenWebSocketApplication::flood), -1);
	}

	/**
	 * Echoes every message but the commands: {@code where} (the hub, and whether its loop
	 * owns the connection), {@code pipeline} (the names of the connection's handlers),
	 * {@code who} (the MDC user and the principal), {@code close <code> <reason>} and
	 * {@code fail}.
	 */
	static void echo(GreenWebSocketSession session) throws IOException {
		for (GreenWebSocketMessage message = session.receive(); message != null; message = session.receive()) {
			String text = message.isText() ? message.getPayloadAsText() : "";
			if (text.equals("where")) {
				GreenHub hub = Green.currentHub();
				boolean owner = ((DefaultGreenWebSocketSession) session).channel().eventLoop() == hub.eventLoop();
				session.sendText(hub.name() + " owns the connection: " + owner + ", green: " + Green.isGreen());
			}
			else if (text.equals("pipeline")) {
				session.sendText(((DefaultGreenWebSocketSession) session).channel().pipeline().names().toString());
			}
			else if (text.equals("who")) {
				Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
				session.sendText(MDC.get("user") + " " + ((authentication != null) ? authentication.getName() : null));
			}
			else if (text.startsWith("close ")) {
				String[] parts = text.split(" ", 3);
				session.close(new CloseStatus(Integer.parseInt(parts[1]), parts[2]));
			}
			else if (text.equals("fail")) {
				throw new IllegalStateException("failed on purpose");
			}
			else {
				session.send(message);
			}
		}
		closes.add(session.awaitClose());
	}

	/** Answers one message and returns. */
	static void once(GreenWebSocketSession session) throws IOException {
		GreenWebSocketMessage message = session.receive();
		if (message != null) {
			session.sendText("once: " + message.getPayloadAsText());
		}
	}

	/** Sends 64 KiB binary messages until a send fails, which it records. */
	static void flood(GreenWebSocketSession session) {
		Flood flood = new Flood((DefaultGreenWebSocketSession) session, Green.currentThread());
		floods.add(flood);
		byte[] payload = new byte[64 * 1024];
		try {
			for (;;) {
				session.sendBinary(payload);
				flood.sent.incrementAndGet();
			}
		}
		catch (IOException | RuntimeException ex) {
			flood.ended.complete(ex);
		}
	}

	/**
	 * A flooding session, its green thread, how many messages it sent and how its sending
	 * ended.
	 */
	record Flood(DefaultGreenWebSocketSession session, GreenThread<?> thread, AtomicInteger sent,
			CompletableFuture<Throwable> ended) {

		Flood(DefaultGreenWebSocketSession session, GreenThread<?> thread) {
			this(session, thread, new AtomicInteger(), new CompletableFuture<>());
		}

	}

	/**
	 * The filter of the green handler tests: X-User becomes an MDC entry and an
	 * authentication.
	 */
	@Bean
	WebFilter identityFilter() {
		return new GreenHandlerApplication.IdentityFilter();
	}

}
