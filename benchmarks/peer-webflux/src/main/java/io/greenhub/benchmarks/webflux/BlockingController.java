package io.greenhub.benchmarks.webflux;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * B2: blocking controller methods, which WebFlux runs on Spring Boot's virtual-thread
 * task executor because {@code spring.threads.virtual.enabled=true}; downstream calls
 * block on {@code RestClient}.
 */
@RestController
@Profile("virtual")
class BlockingController {

	private final RestClient downstream;

	/** Runs the fan-out's calls, one virtual thread each. */
	private final ExecutorService fanout = Executors.newVirtualThreadPerTaskExecutor();

	BlockingController(@Value("${downstream.url}") String downstreamUrl) {
		this.downstream = RestClient.create(downstreamUrl);
	}

	@GetMapping("/hello")
	String hello() {
		return "Hello, world!";
	}

	@GetMapping("/call")
	String call(@RequestParam long ms) {
		return delay(ms);
	}

	@GetMapping("/fanout")
	String fanout(@RequestParam long ms) {
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> delay(ms), this.fanout);
		CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> delay(ms), this.fanout);
		CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> delay(ms), this.fanout);
		return first.join() + second.join() + third.join();
	}

	@GetMapping("/work")
	String work(@RequestParam long burnMs) {
		return "worked " + WebFluxPeerApplication.burn(burnMs);
	}

	private String delay(long ms) {
		return Objects.requireNonNull(this.downstream.get().uri("/delay?ms={ms}", ms).retrieve().body(String.class),
				"the downstream's body");
	}

}
