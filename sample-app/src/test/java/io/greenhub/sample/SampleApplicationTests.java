package io.greenhub.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Test
	void helloRunsOnAGreenThreadOfAHubInLoopMode() {
		this.client.get()
			.uri("/hello?name=Ada&pauseMs=20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body)
				.matches("Hello, Ada, from green-\\d+ on hub green-\\d+ \\(loop mode\\)"));
	}

	@Test
	void aBadPauseIsABadRequest() {
		this.client.get().uri("/hello?pauseMs=soon").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/hello?pauseMs=999999").exchange().expectStatus().isBadRequest();
	}

	@Test
	void hubsListsTheGroupAndTheReactiveRouteIsUnchanged() {
		this.client.get()
			.uri("/hubs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.mode")
			.isEqualTo("loop")
			.jsonPath("$.hubs[0].name")
			.isEqualTo("green-0");
		this.client.get().uri("/reactive").exchange().expectBody(String.class).isEqualTo("Hello from a reactive handler");
		this.client.get()
			.uri("/functional")
			.exchange()
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body)
				.matches("Hello from a green functional route on green-\\d+"));
	}

	@Test
	void healthIsUpWithTheGreenIndicatorAndTheGreenEndpointListsTheHubs() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.green.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/green")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.hubs[0].name")
			.isEqualTo("green-0")
			.jsonPath("$.hubs[0].lagMillis.p99")
			.isNumber();
	}

}
