package io.greenhub.sample.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.greenhub.GreenScope;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeout;
import io.greenhub.GreenTimeoutException;
import io.greenhub.sample.RequestDurations;
import io.greenhub.sample.downstream.SelfClient;
import io.greenhub.spring.GreenHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClientException;

/**
 * {@code GET /aggregate}: calls every downstream of {@code sample.aggregate.delays} at
 * once, each on its own green thread forked in a {@link GreenScope} and under its own
 * {@link GreenTimeout}, then merges the answers that arrived in time and lists the
 * downstreams that did not. {@code ?timeout=1s} overrides
 * {@code sample.aggregate.timeout} for one request. A client that goes away mid-request
 * has the handler killed, and with it every call still running.
 */
@RestController
@GreenHandler
class AggregateController {

	private static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

	private final AggregateProperties properties;

	private final SelfClient downstreams;

	AggregateController(AggregateProperties properties, SelfClient downstreams) {
		this.properties = properties;
		this.downstreams = downstreams;
	}

	@GetMapping("/aggregate")
	Aggregate aggregate(@RequestParam(required = false) @Nullable String timeout) {
		Duration limit = (timeout != null) ? RequestDurations.parse("timeout", timeout, MAX_TIMEOUT)
				: this.properties.timeout();
		List<GreenThread<Part>> calls = new ArrayList<>();
		try (GreenScope scope = GreenScope.open(GreenScope.Policy.COLLECT)) {
			this.properties.delays().forEach((name, delay) -> calls.add(scope.fork(() -> call(name, delay, limit))));
			scope.join();
		}
		Map<String, String> parts = new LinkedHashMap<>();
		List<String> timedOut = new ArrayList<>();
		Map<String, String> failed = new LinkedHashMap<>();
		for (GreenThread<Part> call : calls) {
			Part part = call.join();
			if (part.answer() != null) {
				parts.put(part.name(), part.answer());
			}
			else if (part.error() != null) {
				failed.put(part.name(), part.error());
			}
			else {
				timedOut.add(part.name());
			}
		}
		return new Aggregate(parts, timedOut, failed);
	}

	/** Calls one downstream; runs on a green thread of the scope. */
	@SuppressWarnings("try") // the resource is the time limit: its close cancels it
	private Part call(String name, Duration delay, Duration limit) {
		try (GreenTimeout timeout = GreenTimeout.start(limit)) {
			return new Part(name, this.downstreams.downstream(name, delay), null);
		}
		catch (GreenTimeoutException ex) {
			return new Part(name, null, null);
		}
		catch (WebClientException ex) {
			return new Part(name, null, ex.getMessage());
		}
	}

	/** One downstream's outcome: its answer, its error, or neither when it timed out. */
	private record Part(String name, @Nullable String answer, @Nullable String error) {
	}

}
