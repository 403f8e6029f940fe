package io.greenhub.benchmarks.mvc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * B3: Spring MVC on Tomcat with {@code spring.threads.virtual.enabled=true}, so that
 * Tomcat runs each request on a virtual thread; downstream calls block on
 * {@code RestClient} (the JDK's {@code HttpClient} underneath). Run with
 * {@code --server.port} and {@code --downstream.url}.
 */
@SpringBootApplication
@RestController
public class MvcPeerApplication {

	private final RestClient downstream;

	/** Runs the fan-out's calls, one virtual thread each. */
	private final ExecutorService fanout = Executors.newVirtualThreadPerTaskExecutor();

	MvcPeerApplication(@Value("${downstream.url}") String downstreamUrl) {
		this.downstream = RestClient.create(downstreamUrl);
	}

	public static void main(String[] args) {
		SpringApplication.run(MvcPeerApplication.class, args);
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
		return Objects.requireNonNull(this.downstream.get().uri("/delay?ms={ms}", ms).retrieve().body(String.class),
				"the downstream's body");
	}

}
