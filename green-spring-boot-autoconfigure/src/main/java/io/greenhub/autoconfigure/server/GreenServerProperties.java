package io.greenhub.autoconfigure.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Bounds on slow requests to the WebFlux server, under {@code green.server}. How long a
 * request's head may take, and a connection may stay idle between requests, is Spring
 * Boot's {@code server.netty.idle-timeout}. Validated when bound: a negative bound fails
 * the start naming its property.
 */
@ConfigurationProperties("green.server")
public class GreenServerProperties implements Validator {

	/**
	 * How long a request body may go without a byte arriving before its connection is
	 * closed. Zero for no limit.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * How long a whole request body may take to arrive before its connection is closed.
	 * Zero for no limit.
	 */
	private Duration requestTimeout = Duration.ZERO;

	/**
	 * How long a connection whose client has ended its input (a half-close, or a client
	 * that went away: they cannot be told apart) stays open for the answers to its
	 * requests; then it is closed and its handlers are cancelled. Zero to close it at
	 * once.
	 */
	private Duration halfCloseGrace = Duration.ofSeconds(1);

	public Duration getHalfCloseGrace() {
		return this.halfCloseGrace;
	}

	public void setHalfCloseGrace(Duration halfCloseGrace) {
		this.halfCloseGrace = halfCloseGrace;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenServerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenServerProperties properties = (GreenServerProperties) target;
		notNegative(errors, "readTimeout", "green.server.read-timeout", properties.getReadTimeout());
		notNegative(errors, "requestTimeout", "green.server.request-timeout", properties.getRequestTimeout());
		notNegative(errors, "halfCloseGrace", "green.server.half-close-grace", properties.getHalfCloseGrace());
	}

	private static void notNegative(Errors errors, String field, String property, Duration value) {
		if (value.isNegative()) {
			errors.rejectValue(field, "notNegative", property + " must not be negative; zero means no limit.");
		}
	}

}
