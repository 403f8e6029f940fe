package io.greenhub.autoconfigure.client;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.greenhub.GreenHubGroup;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's {@code RestClient.Builder} with green-hub: a kill of the green thread
 * that reads a response ends the read.
 */
class GreenHttpClientAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=2", "green.hub.shutdown-grace-period=0s")
		.withConfiguration(
				AutoConfigurations.of(GreenHubAutoConfiguration.class, GreenHttpClientAutoConfiguration.class,
						ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class));

	@Test
	void aKilledGreenThreadDrainingAnEndlessBodyThroughBootsRestClientStops() {
		// an upstream on Reactor Netty's own loops that sends 8 KiB chunks until its
		// client goes away
		byte[] chunk = new byte[8192];
		DisposableServer upstream = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response
				.send(Flux.<Object>generate((sink) -> sink.next(0)).map((ignored) -> Unpooled.wrappedBuffer(chunk))))
			.bindNow();
		try {
			this.runner.run((context) -> {
				RestClient client = context.getBean(RestClient.Builder.class)
					.baseUrl("http://127.0.0.1:" + upstream.port())
					.build();
				CountDownLatch reading = new CountDownLatch(1);
				AtomicBoolean unwound = new AtomicBoolean();
				GreenThread<Object> reader = context.getBean(GreenHubGroup.class).spawn(() -> {
					try {
						return client.get().uri("/endless").exchange((request, response) -> {
							reading.countDown();
							// reads until the end of the body, which only the kill brings
							return response.getBody().transferTo(OutputStream.nullOutputStream());
						});
					}
					finally {
						unwound.set(true);
					}
				});
				assertThat(reading.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
				reader.kill();
				try {
					reader.join(WAIT);
				}
				catch (GreenKilledException expected) {
					// its kill, if it met a green wait after the read ended
				}
				// without the body closed on the kill, the drain goes on and the join
				// times out
				assertThat(reader.isDone()).isTrue();
				assertThat(unwound).isTrue();
			});
		}
		finally {
			upstream.disposeNow();
		}
	}

}
