package io.greenhub.docs.concepts;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@GreenHandler
class RequestIdController {

	private static final Logger logger = LoggerFactory.getLogger(RequestIdController.class);

	@GetMapping("/request-id")
	String requestId() {
		logger.info("handling"); // the log line carries requestId, as MDC holds it
		Green.sleep(Duration.ofMillis(20)); // parks; on resuming, the MDC is still this request's
		return MDC.get("requestId");
	}

}
