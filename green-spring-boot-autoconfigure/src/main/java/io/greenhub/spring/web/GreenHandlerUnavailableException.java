package io.greenhub.spring.web;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A green request answered 503 Service Unavailable: its handler was killed, or could not
 * start because the application is shutting down; the subclasses say when the handler
 * timed out or too many were in flight. An {@link org.springframework.web.ErrorResponse},
 * so it is answered through Spring's own error handling: an application's
 * {@code @ExceptionHandler} or {@code @ControllerAdvice} sees it, and with
 * {@code spring.webflux.problemdetails.enabled=true} the body is an
 * {@code application/problem+json} problem detail with this title and detail. Created on
 * the thread that ends the request: the handler's green thread, or the event loop for a
 * request refused before its green thread started.
 */
public class GreenHandlerUnavailableException extends ResponseStatusException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param title the problem detail's title
	 * @param detail the problem detail's detail, also the exception's reason
	 * @param cause the cause, if any
	 */
	@SuppressWarnings("this-escape") // setTitle is ErrorResponseException's, before any
										// subclass's state
	public GreenHandlerUnavailableException(String title, String detail, @Nullable Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, detail, cause);
		setTitle(title);
	}

}
