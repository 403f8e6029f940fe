package io.greenhub.benchmarks.webflux;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * B1: the reactive way. Handlers return {@code Mono}s and run on the event loops;
 * downstream calls go through {@code WebClient} on the same loops.
 */
@RestController
@Profile("reactive")
class ReactiveController {

	private final WebClient downstream;

	ReactiveController(@Value("${downstream.url}") String downstreamUrl, ReactorResourceFactory resources) {
		// on the server's own event loops, as Boot's WebClient.Builder would do
		this.downstream = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(resources, (client) -> client))
			.baseUrl(downstreamUrl)
			.build();
	}

	@GetMapping("/hello")
	Mono<String> hello() {
		return Mono.just("Hello, world!");
	}

	@GetMapping("/call")
	Mono<String> call(@RequestParam long ms) {
		return delay(ms);
	}

	@GetMapping("/fanout")
	Mono<String> fanout(@RequestParam long ms) {
		return Mono.zip(delay(ms), delay(ms), delay(ms)).map((all) -> all.getT1() + all.getT2() + all.getT3());
	}

	@GetMapping("/work")
	Mono<String> work(@RequestParam long burnMs) {
		return Mono.fromSupplier(() -> "worked " + WebFluxPeerApplication.burn(burnMs));
	}

	private Mono<String> delay(long ms) {
		return this.downstream.get().uri("/delay?ms={ms}", ms).retrieve().bodyToMono(String.class);
	}

}
