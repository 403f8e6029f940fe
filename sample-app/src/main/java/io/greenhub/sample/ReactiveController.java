package io.greenhub.sample;

import java.time.Duration;
import java.util.Map;

import io.greenhub.Green;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reactive endpoints beside the green ones. The class has no {@code @GreenHandler}, so
 * WebFlux runs its methods on the event loop as usual; {@code /deferred} hands
 * synchronous code to a green thread through {@link Green#deferToGreenThread}.
 */
@RestController
class ReactiveController {

	private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

	/**
	 * A plain reactive handler; runs on the event loop that serves the request.
	 */
	@GetMapping("/mono")
	Mono<Map<String, Object>> mono(@RequestParam(defaultValue = "world") String name) {
		return Mono.fromSupplier(
				() -> Map.of("greeting", "Hello, " + name + ", from a reactive handler", "green", Green.isGreen()));
	}

	/**
	 * A reactive handler whose value comes from synchronous code on a green thread, which
	 * may park (here it sleeps) while the event loop goes on. Runs on the event loop; the
	 * function runs on a green thread of the same hub.
	 */
	@GetMapping("/deferred")
	Mono<Map<String, Object>> deferred(@RequestParam(defaultValue = "10ms") String pause) {
		Duration duration = RequestDurations.parse("pause", pause, MAX_PAUSE);
		return Green.deferToGreenThread(() -> {
			Green.sleep(duration);
			return Map.of("greeting",
					"Hello from " + Green.currentThread().name() + " after " + duration.toMillis() + "ms", "green",
					Green.isGreen());
		});
	}

}
