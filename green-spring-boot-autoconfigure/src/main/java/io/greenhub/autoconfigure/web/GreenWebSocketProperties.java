package io.greenhub.autoconfigure.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of green WebSocket sessions, under {@code green.websocket}.
 */
@ConfigurationProperties("green.websocket")
public class GreenWebSocketProperties {

	/**
	 * Most green WebSocket sessions open at once; beyond it, upgrade requests are
	 * answered 503 with Retry-After (green.handler.retry-after) at once, without a
	 * handshake.
	 */
	private int maxSessions = 10_000;

	/**
	 * How long a closing session waits for its close frame to be written (a peer that
	 * does not read holds it back) before its connection is closed without it.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	public int getMaxSessions() {
		return this.maxSessions;
	}

	public void setMaxSessions(int maxSessions) {
		this.maxSessions = maxSessions;
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = closeTimeout;
	}

}
