package io.greenhub.autoconfigure.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.spring.web.GreenRequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of an application with green handlers in flight.
 */
@ExtendWith(OutputCaptureExtension.class)
class GreenHandlerShutdownTests {

	@Test
	void handlersInFlightFinishBeforeTheHubCloses(CapturedOutput output) {
		ConfigurableApplicationContext context = start("spring.lifecycle.timeout-per-shutdown-phase=10s");
		CompletableFuture<String> response = client(context).get()
			.uri("/green/sleep/500")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		GreenRequestDispatcher limits = context.getBean(GreenRequestDispatcher.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> limits.inFlight() == 1);
		context.close();
		assertThat(response.join()).isEqualTo("slept 500");
		assertThat(output).contains("Hub group 'shutdown' killed 0 green threads still running after the grace period");
	}

	@Test
	void handlersStillRunningAfterTheShutdownTimeoutAreKilledAndCounted(CapturedOutput output) throws Exception {
		GreenController.resetSignals();
		ConfigurableApplicationContext context = start("spring.lifecycle.timeout-per-shutdown-phase=300ms");
		CompletableFuture<String> response = client(context).get()
			.uri("/green/wait")
			.retrieve()
			.bodyToMono(String.class)
			.toFuture();
		GreenController.waitStarted.get(10, TimeUnit.SECONDS);
		context.close();
		assertThat(GreenController.waitUnwound).isDone();
		assertThat(output).contains("Hub group 'shutdown' killed 1 green threads still running after the grace period");
		assertThat(response).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.havingRootCause()
			.withMessageContaining("503 Service Unavailable");
	}

	private static ConfigurableApplicationContext start(String shutdownTimeout) {
		return new SpringApplicationBuilder(GreenHandlerApplication.class)
			.properties("server.port=0", "green.hub.hubs=2", "green.hub.name=shutdown", "server.shutdown=graceful",
					shutdownTimeout)
			.run();
	}

	private static WebClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port);
	}

}
