package io.greenhub.autoconfigure.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Limits of the green handlers of WebFlux controllers, under {@code green.handler}.
 * Validated when bound: a value out of its range fails the start naming its property.
 */
@ConfigurationProperties("green.handler")
public class GreenHandlerProperties implements Validator {

	/**
	 * How long a green handler may run before its current or next green wait throws and,
	 * once it has unwound, it is answered with 503 (a GreenHandlerTimeoutException,
	 * through Spring's error handling). Zero for no limit.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * How long a streaming green handler (one that takes a GreenEmitter) may run, in
	 * place of the timeout: when it passes, its current or next green wait throws, and
	 * the stream is aborted (or, before its first send, answered 503). Zero for no limit:
	 * a stream then lasts until its method returns or its client goes away.
	 */
	private Duration streamTimeout = Duration.ZERO;

	/**
	 * Most green handlers running at once; beyond it, requests are answered 503 with
	 * Retry-After at once instead of queueing.
	 */
	private int maxInFlight = 10_000;

	/**
	 * Retry-After given with a 503 for a request refused by max-in-flight.
	 */
	private Duration retryAfter = Duration.ofSeconds(1);

	/**
	 * Whether the MDC, the security context and the observation of a request are visible
	 * in its green handler, through Micrometer context-propagation: captured once per
	 * request as its green thread is started. Reactor's automatic context propagation is
	 * left to Spring Boot's spring.reactor.context-propagation.
	 */
	private boolean contextPropagation = true;

	public boolean isContextPropagation() {
		return this.contextPropagation;
	}

	public void setContextPropagation(boolean contextPropagation) {
		this.contextPropagation = contextPropagation;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getStreamTimeout() {
		return this.streamTimeout;
	}

	public void setStreamTimeout(Duration streamTimeout) {
		this.streamTimeout = streamTimeout;
	}

	public int getMaxInFlight() {
		return this.maxInFlight;
	}

	public void setMaxInFlight(int maxInFlight) {
		this.maxInFlight = maxInFlight;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	@Override
	public boolean supports(Class<?> type) {
		return GreenHandlerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		GreenHandlerProperties properties = (GreenHandlerProperties) target;
		if (properties.getTimeout().isNegative()) {
			errors.rejectValue("timeout", "notNegative",
					"green.handler.timeout must not be negative; zero means no limit.");
		}
		if (properties.getMaxInFlight() < 1) {
			errors.rejectValue("maxInFlight", "positive", "green.handler.max-in-flight must be positive.");
		}
		if (properties.getRetryAfter().isNegative()) {
			errors.rejectValue("retryAfter", "notNegative", "green.handler.retry-after must not be negative.");
		}
		if (properties.getStreamTimeout().isNegative()) {
			errors.rejectValue("streamTimeout", "notNegative",
					"green.handler.stream-timeout must not be negative; zero means no limit.");
		}
	}

}
