package io.greenhub.spring.web;

import java.io.Serial;
import java.time.Duration;

import org.springframework.http.HttpHeaders;

/**
 * A green request refused at once because {@code green.handler.max-in-flight} handlers
 * were running, or a green WebSocket upgrade because {@code green.websocket.max-sessions}
 * sessions were open: answered 503 with a {@code Retry-After} header; no green thread was
 * started.
 */
public class GreenHandlerRejectedException extends GreenHandlerUnavailableException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final HttpHeaders headers = new HttpHeaders();

	/**
	 * Creates the exception.
	 * @param maxInFlight the limit that was reached
	 * @param retryAfter the delay given in {@code Retry-After}, rounded to whole seconds,
	 * at least one
	 */
	public GreenHandlerRejectedException(int maxInFlight, Duration retryAfter) {
		this("Too many requests in flight",
				"Green handlers in flight are at their limit of " + maxInFlight + " (green.handler.max-in-flight)",
				retryAfter);
	}

	/**
	 * Creates the exception for another limit.
	 * @param title the problem detail's title
	 * @param detail the problem detail's detail, naming the limit and its property
	 * @param retryAfter the delay given in {@code Retry-After}, rounded to whole seconds,
	 * at least one
	 */
	public GreenHandlerRejectedException(String title, String detail, Duration retryAfter) {
		super(title, detail, null);
		this.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

	/**
	 * Returns the headers of the answer: {@code Retry-After}.
	 */
	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

}
