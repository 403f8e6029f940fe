package io.greenhub.benchmarks.green;

import io.greenhub.Green;
import io.greenhub.primitives.GreenPile;
import io.greenhub.spring.GreenHandler;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * G-loop and G-pool: synchronous handlers on green threads, run with
 * {@code --green.hub.mode=loop} or {@code pool}, {@code --server.port} and
 * {@code --downstream.url}. Downstream calls are {@code WebClient} Monos (on the hubs'
 * own event loops) waited on with {@link Green#blockOn}, which parks the green thread
 * only.
 */
@SpringBootApplication
@RestController
@GreenHandler
public class GreenPeerApplication {

	private final WebClient downstream;

	GreenPeerApplication(@Value("${downstream.url}") String downstreamUrl, ReactorResourceFactory resources) {
		// on the server's own event loops, as Boot's WebClient.Builder would do
		this.downstream = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(resources, (client) -> client))
			.baseUrl(downstreamUrl)
			.build();
	}

	public static void main(String[] args) {
		SpringApplication.run(GreenPeerApplication.class, args);
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
		GreenPile<String> pile = new GreenPile<>();
		for (int i = 0; i < 3; i++) {
			pile.spawn(() -> delay(ms));
		}
		StringBuilder merged = new StringBuilder();
		pile.forEach(merged::append);
		return merged.toString();
	}

	/**
	 * Spins on {@link System#nanoTime()} for {@code burnMs}: CPU work that never parks.
	 */
	@GetMapping("/work")
	String work(@RequestParam long burnMs) {
		long end = System.nanoTime() + burnMs * 1_000_000L;
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return "worked " + spins;
	}

	private String delay(long ms) {
		String body = Green
			.blockOn(this.downstream.get().uri("/delay?ms={ms}", ms).retrieve().bodyToMono(String.class));
		return (body != null) ? body : "";
	}

}
