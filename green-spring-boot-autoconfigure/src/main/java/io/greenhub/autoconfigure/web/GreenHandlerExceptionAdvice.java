package io.greenhub.autoconfigure.web;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.spring.GreenHandlerRejectedException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the refusals and timeouts of green handlers with 503 and a problem detail. Ordered last,
 * so that the application's own {@code @ExceptionHandler}s come first. Runs on the green thread of
 * the handler that failed.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
final class GreenHandlerExceptionAdvice {

	private final GreenHandlerExecutor executor;

	private final Duration retryAfter;

	GreenHandlerExceptionAdvice(GreenHandlerExecutor executor, Duration retryAfter) {
		this.executor = executor;
		this.retryAfter = retryAfter;
	}

	@ExceptionHandler(GreenHandlerRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(GreenHandlerRejectedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Too many requests in flight");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, this.retryAfter.toSeconds())))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * A killed handler: a green wait throws {@link GreenKilledException}, a JDK wait
	 * {@link InterruptedException}. Either is answered 503 if the kill was the handler timeout, and
	 * passed on otherwise.
	 */
	@ExceptionHandler({ GreenKilledException.class, InterruptedException.class })
	ResponseEntity<ProblemDetail> killed(Exception ex) throws Exception {
		if (!Green.isGreen() || !this.executor.isTimedOut(Green.currentThread())) {
			throw ex;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The handler did not finish within " + this.executor.timeout() + " (green.handler.timeout)");
		problem.setTitle("Handler timed out");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
