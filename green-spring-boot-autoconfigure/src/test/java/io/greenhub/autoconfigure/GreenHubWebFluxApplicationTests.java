package io.greenhub.autoconfigure;

import java.time.Duration;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole WebFlux application on a real port: the server's event loops are the hubs'
 * loops, and a green thread spawned for a request runs on the hub of the loop serving it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
@AutoConfigureWebTestClient
class GreenHubWebFluxApplicationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void aRequestsGreenThreadRunsOnTheHubOfTheLoopServingIt() {
		for (int i = 0; i < 4; i++) {
			String body = this.client.get()
				.uri("/hub")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).matches("green-[01] on green-[01]").satisfies((text) -> {
				String[] hubs = text.split(" on ");
				assertThat(hubs[0]).isEqualTo(hubs[1]);
			});
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route().GET("/hub", (request) -> {
				GreenHub serving = Green.currentHub();
				return ServerResponse.ok().body(Green.deferToGreenThread(() -> {
					Green.sleep(Duration.ofMillis(1));
					return Green.currentHub().name() + " on " + serving.name();
				}), String.class);
			}).GET("/plain", (request) -> ServerResponse.ok().body(Mono.just("reactive"), String.class)).build();
		}

	}

}
