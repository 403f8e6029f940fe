package io.greenhub.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown during load: every request whose handler started before shutdown
 * began is answered in full, and the context closes within the configured timeout.
 */
class GracefulShutdownTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private static final int REQUESTS = 3_000;

	private static final int CONCURRENCY = 128;

	@Test
	void everyRequestAcceptedBeforeShutdownIsAnsweredAndTheContextClosesInTime() {
		ConfigurableApplicationContext app = new SpringApplicationBuilder(ReliabilityApplication.class)
			.properties("server.port=0", "green.hub.name=shutdown", "server.shutdown=graceful",
					"spring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_TIMEOUT.toSeconds() + "s")
			.run();
		Probes probes = app.getBean(Probes.class);
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		Map<String, Load.Reply> replies = new ConcurrentHashMap<>();
		long closeMillis;
		try (Load load = new Load(port, CONCURRENCY)) {
			CompletableFuture<Void> done = CompletableFuture.runAsync(() -> load.run(REQUESTS, CONCURRENCY,
					Duration.ofMinutes(2), (i) -> load.get("/slow/300", (h) -> h.set("X-Id", "r" + i))
						.doOnNext((reply) -> replies.put("r" + i, reply))));
			await("requests in flight").atMost(Duration.ofSeconds(60))
				.until(() -> probes.slowStarted.get() >= 2L * CONCURRENCY);
			probes.shutdownBegun = true;
			long began = System.nanoTime();
			app.close();
			closeMillis = (System.nanoTime() - began) / 1_000_000;
			done.orTimeout(2, java.util.concurrent.TimeUnit.MINUTES).join();
		}
		int accepted = probes.startedBeforeShutdown.size();
		long answered = probes.startedBeforeShutdown.stream().filter((id) -> {
			Load.Reply reply = replies.get(id);
			return reply != null && reply.status() == 200 && reply.body().equals("slept 300 " + id);
		}).count();
		Map<Integer, Long> others = new java.util.TreeMap<>();
		replies.forEach((id, reply) -> {
			if (!probes.startedBeforeShutdown.contains(id)) {
				others.merge(reply.status(), 1L, Long::sum);
			}
		});
		assertThat(accepted).isPositive();
		assertThat(answered).as("requests accepted before shutdown and answered in full").isEqualTo(accepted);
		assertThat(Duration.ofMillis(closeMillis)).as("context close").isLessThan(SHUTDOWN_TIMEOUT);
		assertThat(others.keySet()).as("statuses of requests not accepted before shutdown")
			.isSubsetOf(Load.FAILED, 200, 503);
		Figures.record("graceful-shutdown",
				REQUESTS + " GET /slow/300, " + CONCURRENCY + " at once; context closed after " + accepted
						+ " handlers had started, in " + closeMillis + " ms (timeout-per-shutdown-phase "
						+ SHUTDOWN_TIMEOUT.toSeconds() + " s): accepted before shutdown " + accepted
						+ ", answered 200 in full " + answered + "; the other requests by status (-1: no answer, "
						+ "connection refused or closed): " + others);
	}

}
