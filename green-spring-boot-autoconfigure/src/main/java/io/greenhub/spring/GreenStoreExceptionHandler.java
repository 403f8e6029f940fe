package io.greenhub.spring;

import io.greenhub.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a handler that failed because a named primitive's store (Redis) could not be
 * reached in time with 503 and a problem detail, logging one WARN line without a stack:
 * the fault is the store's, not the handler's, and the client may try again. Last of the
 * controller advices, so an application's own handler of the exception wins. Runs on the
 * thread that handled the request.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GreenStoreExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(GreenStoreExceptionHandler.class);

	/**
	 * Answers 503 with a problem detail saying which primitive's store failed.
	 * @param exception the failure
	 * @return the answer
	 */
	@ExceptionHandler(StoreUnavailableException.class)
	public ResponseEntity<ProblemDetail> storeUnavailable(StoreUnavailableException exception) {
		logger.warn("Answered 503: {}", exception.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				exception.getMessage());
		problem.setTitle("Store unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem);
	}

}
