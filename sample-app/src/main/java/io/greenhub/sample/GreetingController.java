package io.greenhub.sample;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.spring.GreenHandler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * A synchronous controller whose methods run on green threads: the pause parks the green
 * thread only, and the event loop serves other requests meanwhile.
 */
@RestController
@GreenHandler
class GreetingController {

	/** The longest pause {@code /hello} accepts. */
	private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "world") String name, @RequestParam(defaultValue = "0") long pauseMs) {
		if (pauseMs < 0 || pauseMs > MAX_PAUSE.toMillis()) {
			throw new ServerWebInputException(
					"pauseMs must be between 0 and " + MAX_PAUSE.toMillis() + ", was: " + pauseMs);
		}
		Green.sleep(Duration.ofMillis(pauseMs));
		GreenHub hub = Green.currentHub();
		return "Hello, " + name + ", from " + Green.currentThread().name() + " on hub " + hub.name() + " ("
				+ hub.mode().name().toLowerCase() + " mode)";
	}

}
