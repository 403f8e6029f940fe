package io.greenhub.reliability;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.greenhub.Green;
import io.greenhub.GreenTimeoutException;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spring.GreenHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The green handlers the reliability tests call.
 */
@RestController
@GreenHandler
class ReliabilityController {

	/**
	 * The logger whose appender takes a lock, from green handlers and loop callbacks
	 * alike.
	 */
	static final Logger shared = LoggerFactory.getLogger("reliability.shared");

	/** How long a call to the downstream may take in all. */
	static final Duration DOWNSTREAM_BOUND = Duration.ofSeconds(2);

	private final Probes probes;

	private final GreenSemaphore db;

	private final RestClient downstream;

	ReliabilityController(Probes probes, @Qualifier("db") GreenSemaphore db, Environment environment) {
		this.probes = probes;
		this.db = db;
		this.downstream = RestClient.builder()
			.requestFactory(requestFactory())
			.baseUrl(environment.getRequiredProperty("downstream.url"))
			.build();
	}

	@GetMapping("/hello")
	String hello() {
		return "hello from " + Green.currentHub().name();
	}

	record Order(String item, int quantity) {
	}

	@PostMapping("/orders")
	Map<String, Object> order(@RequestBody Order order) {
		return this.db.withPermit(() -> {
			Green.sleep(Duration.ofMillis(1));
			return Map.of("item", order.item(), "quantity", order.quantity(), "accepted", true);
		});
	}

	@GetMapping("/slow/{ms}")
	String slow(@PathVariable long ms, @RequestHeader(name = "X-Id", defaultValue = "") String id) {
		this.probes.slowStarted.incrementAndGet();
		if (!this.probes.shutdownBegun) {
			this.probes.startedBeforeShutdown.add(id);
		}
		Green.sleep(Duration.ofMillis(ms));
		return "slept " + ms + " " + id;
	}

	@GetMapping("/park-forever")
	String parkForever() {
		this.probes.parkedStarted.incrementAndGet();
		try {
			return Green.blockOn(new CompletableFuture<String>());
		}
		finally {
			this.probes.parkedUnwound.incrementAndGet();
		}
	}

	@GetMapping("/secure/whoami")
	String whoami(@RequestHeader("Authorization") String authorization, @RequestHeader("X-Trace") String trace) {
		String user = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
				StandardCharsets.UTF_8)
			.split(":", 2)[0];
		this.probes.isolationSeen.incrementAndGet();
		check(user, trace);
		Green.sleep(Duration.ofMillis(1));
		check(user, trace);
		Green.blockOn(Mono.delay(Duration.ofMillis(1)));
		check(user, trace);
		Green.sleep(Duration.ZERO);
		return check(user, trace);
	}

	private String check(String user, String trace) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String seenUser = (authentication != null) ? authentication.getName() : "anonymous";
		String seenTrace = MDC.get("trace");
		if (!user.equals(seenUser) || !trace.equals(seenTrace)) {
			this.probes.isolationMismatches.incrementAndGet();
		}
		return seenUser + "|" + seenTrace;
	}

	@GetMapping("/hog/{ms}")
	String hog(@PathVariable long ms) {
		long end = System.nanoTime() + Duration.ofMillis(ms).toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		this.probes.hogDone = true;
		return "hogged " + (spins > 0);
	}

	/**
	 * The same hog with its loop in another method, so that its stall is warned of even
	 * within ten seconds of one of {@code /hog} (this package counts as green-hub's, so
	 * the place a stall is throttled by is the innermost frame, the loop's).
	 */
	@GetMapping("/hog-neighbours/{ms}")
	String hogNeighbours(@PathVariable long ms) {
		long end = System.nanoTime() + Duration.ofMillis(ms).toNanos();
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		this.probes.hogDone = true;
		return "hogged " + (spins > 0);
	}

	@GetMapping("/log/{lines}")
	String log(@PathVariable int lines) {
		for (int i = 0; i < lines; i++) {
			shared.info("green line {}", i);
			Green.sleep(Duration.ZERO);
		}
		return "logged " + lines;
	}

	@GetMapping("/downstream/{fault}")
	String downstream(@PathVariable String fault) {
		return Green.withTimeout(DOWNSTREAM_BOUND,
				() -> "downstream said " + this.downstream.get().uri("/{fault}", fault).retrieve().body(String.class));
	}

	private static ReactorClientHttpRequestFactory requestFactory() {
		ReactorClientHttpRequestFactory factory = new ReactorClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(1));
		factory.setReadTimeout(Duration.ofSeconds(1));
		return factory;
	}

	@ExceptionHandler(GreenTimeoutException.class)
	ProblemDetail downstreamTimedOut(GreenTimeoutException ex) {
		return problem(HttpStatus.GATEWAY_TIMEOUT, "Downstream timed out", ex);
	}

	@ExceptionHandler(RestClientException.class)
	ProblemDetail downstreamFailed(RestClientException ex) {
		boolean timedOut = ex instanceof ResourceAccessException && hasCause(ex, SocketTimeoutException.class);
		return timedOut ? problem(HttpStatus.GATEWAY_TIMEOUT, "Downstream timed out", ex)
				: problem(HttpStatus.BAD_GATEWAY, "Downstream failed", ex);
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause) || cause.getClass().getSimpleName().contains("Timeout")) {
				return true;
			}
		}
		return false;
	}

	private static ProblemDetail problem(HttpStatus status, String title, Exception ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				ex.getClass().getSimpleName() + ": " + ex.getMessage());
		problem.setTitle(title);
		return problem;
	}

}
