package io.greenhub.sample.downstream;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.sample.RequestDurations;
import io.greenhub.spring.GreenHandler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A slow downstream service inside the app: {@code GET /downstream/{name}?delay=150ms}
 * answers after the delay. The pause parks the handler's green thread only.
 */
@RestController
@GreenHandler
class DownstreamController {

	private static final Duration MAX_DELAY = Duration.ofSeconds(10);

	@GetMapping("/downstream/{name}")
	String answer(@PathVariable String name, @RequestParam(defaultValue = "0ms") String delay) {
		Duration pause = RequestDurations.parse("delay", delay, MAX_DELAY);
		Green.sleep(pause);
		return name + " answered after " + pause.toMillis() + "ms";
	}

}
