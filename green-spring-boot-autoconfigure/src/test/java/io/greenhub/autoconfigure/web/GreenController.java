package io.greenhub.autoconfigure.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A {@code @GreenHandler} controller with the signatures users write.
 */
@RestController
@GreenHandler
class GreenController {

	// Completed by the handler of /green/wait as it starts and in its finally block;
	// reset by tests.
	static volatile CompletableFuture<Void> waitStarted = new CompletableFuture<>();

	static volatile CompletableFuture<Long> waitUnwound = new CompletableFuture<>();

	static volatile CompletableFuture<Void> gate = new CompletableFuture<>();

	static void resetSignals() {
		waitStarted = new CompletableFuture<>();
		waitUnwound = new CompletableFuture<>();
		gate = new CompletableFuture<>();
	}

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracers;

	private final WebClient webClient = WebClient.create("http://127.0.0.1:" + Downstream.port());

	private final RestClient restClient = RestClient.builder()
		.requestFactory(new ReactorClientHttpRequestFactory())
		.baseUrl("http://127.0.0.1:" + Downstream.port())
		.build();

	@GetMapping("/green/hello")
	String hello() {
		return "green " + Green.isGreen() + " on " + Green.currentHub().name();
	}

	@GetMapping("/green/items/{id}")
	ResponseEntity<Map<String, String>> item(@PathVariable String id, @RequestParam String color,
			@RequestHeader("X-Shop") String shop) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "color", color, "shop", shop));
	}

	@PostMapping("/green/echo")
	Map<String, Object> echo(@RequestBody Map<String, Object> body) {
		return Map.of("echo", body, "green", Green.isGreen());
	}

	record Named(String name) {
	}

	@PostMapping("/green/form")
	String form(@org.springframework.web.bind.annotation.ModelAttribute Named named) {
		return named.name() + " green " + Green.isGreen();
	}

	@GetMapping("/green/nothing")
	void nothing() {
		Green.sleep(java.time.Duration.ofMillis(1));
	}

	@GetMapping("/green/downstream/{ms}")
	String downstream(@PathVariable long ms) throws InterruptedException {
		String viaWebClient = Green
			.blockOn(this.webClient.get().uri("/delay/{ms}", ms).retrieve().bodyToMono(String.class));
		String viaRestClient = this.restClient.get().uri("/delay/{ms}", ms).retrieve().body(String.class);
		Thread.sleep(1);
		return viaWebClient + " | " + viaRestClient;
	}

	@GetMapping("/green/sleep/{ms}")
	String sleep(@PathVariable long ms) {
		Green.sleep(java.time.Duration.ofMillis(ms));
		return "slept " + ms;
	}

	@GetMapping("/green/whoami")
	String whoami() {
		Green.sleep(java.time.Duration.ofMillis(5));
		org.springframework.security.core.Authentication user = org.springframework.security.core.context.SecurityContextHolder
			.getContext()
			.getAuthentication();
		return ((user != null) ? user.getName() : "anonymous") + " " + org.slf4j.MDC.get("user");
	}

	@GetMapping("/green/observation")
	String observation() {
		Green.sleep(java.time.Duration.ofMillis(1));
		io.micrometer.observation.Observation current = io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor
			.getInstance()
			.getValue();
		return (current != null) ? current.getContext().getClass().getSimpleName() : "none";
	}

	static volatile CompletableFuture<Void> computeDone = new CompletableFuture<>();

	@GetMapping("/green/compute")
	String compute() {
		long spins = io.greenhub.autoconfigure.CarrierHog.computeFor(java.time.Duration.ofMillis(500));
		computeDone.complete(null);
		return "computed " + (spins > 0);
	}

	@GetMapping("/green/span")
	String span() {
		io.micrometer.tracing.Tracer tracer = this.tracers.getObject();
		// park first, so the span is started after the green thread has been unmounted
		// and resumed
		Green.sleep(java.time.Duration.ofMillis(1));
		io.micrometer.tracing.Span child = tracer.nextSpan().name("green-child").start();
		child.end();
		return child.context().traceId();
	}

	@GetMapping("/green/wait")
	String waitForever() {
		waitStarted.complete(null);
		try {
			return Green.blockOn(new CompletableFuture<String>());
		}
		finally {
			waitUnwound.complete(System.nanoTime());
		}
	}

	@GetMapping("/green/gate")
	String gate() {
		return "through " + Green.blockOn(gate.thenApply((ignored) -> "the gate"));
	}

	@GetMapping("/green/bad")
	String bad() {
		throw new IllegalArgumentException("no such thing");
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badRequest(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("handledOnGreenThread", Green.isGreen());
		return problem;
	}

}
