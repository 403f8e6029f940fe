package io.greenhub.benchmarks.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The WebFlux peers of the load benchmark. Run with
 * {@code --spring.profiles.active=reactive} (B1) or {@code virtual} (B2),
 * {@code --server.port} and {@code --downstream.url}; every peer answers {@code /hello},
 * {@code /call?ms=}, {@code /fanout?ms=} and {@code /work?burnMs=} alike.
 */
@SpringBootApplication
public class WebFluxPeerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WebFluxPeerApplication.class, args);
	}

	/**
	 * Spins on {@link System#nanoTime()} for the given time: CPU work that never parks.
	 * @param millis how long to spin
	 * @return a value that depends on the spin, so that the JIT keeps it
	 */
	static long burn(long millis) {
		long end = System.nanoTime() + millis * 1_000_000L;
		long spins = 0;
		while (System.nanoTime() < end) {
			spins++;
		}
		return spins;
	}

}
