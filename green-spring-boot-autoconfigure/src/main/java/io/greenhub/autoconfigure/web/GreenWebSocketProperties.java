package io.greenhub.autoconfigure.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Limits of green WebSocket sessions, under {@code green.websocket}. Validated when
 * bound: a value out of its range fails the start naming its property.
 */
@ConfigurationProperties("green.websocket")
public class GreenWebSocketProperties implements Validator {

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

	@Override
	public boolean supports(Class<?> type) {
		return GreenWebSocketProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenWebSocketProperties properties = (GreenWebSocketProperties) target;
		if (properties.getMaxSessions() < 1) {
			errors.rejectValue("maxSessions", "positive", "green.websocket.max-sessions must be positive.");
		}
		if (properties.getCloseTimeout().isNegative() || properties.getCloseTimeout().isZero()) {
			errors.rejectValue("closeTimeout", "positive", "green.websocket.close-timeout must be positive.");
		}
	}

}
