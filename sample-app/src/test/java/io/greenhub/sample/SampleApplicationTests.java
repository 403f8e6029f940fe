package io.greenhub.sample;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SampleTest
class SampleApplicationTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ApplicationContext context;

	@LocalManagementPort
	private int managementPort;

	@Test
	void helloRunsOnAGreenThreadOfAHubInLoopMode() {
		this.client.get()
			.uri("/hello?name=Ada&pauseMs=20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("Hello, Ada, from green-\\d+ on hub green-\\d+ \\(loop mode\\)"));
	}

	@Test
	void aBadPauseIsABadRequestWithAProblemDetail() {
		this.client.get().uri("/hello?pauseMs=soon").exchange().expectStatus().isBadRequest();
		this.client.get()
			.uri("/hello?pauseMs=999999")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("pauseMs must be between 0 and 10000, was: 999999");
	}

	@Test
	void theHubGroupRunsInLoopModeAsHubsAndTheGreenEndpointSay() {
		assertThat(this.context.getBean(GreenHubGroup.class).mode()).isEqualTo(HubMode.LOOP);
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
		management().get().uri("/actuator/green").exchange().expectBody().jsonPath("$.mode").isEqualTo("loop");
	}

	@Test
	void theFunctionalRoutesAnswer() {
		this.client.get()
			.uri("/reactive")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("Hello from a reactive handler");
		this.client.get()
			.uri("/functional")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).matches("Hello from a green functional route on green-\\d+"));
	}

	@Test
	void theGreenEndpointListsTheHubs() {
		management().get()
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

	@Test
	void prometheusExposesTheGreenMeters() {
		this.client.get().uri("/hello").exchange().expectStatus().isOk();
		management().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("green_threads_alive{")
				.contains("green_threads_spawned_total{")
				.contains("green_hub_lag_seconds"));
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

	@Test
	void theGreenClientRunnerIsOffByDefault() {
		assertThat(this.context.containsBean("greenClientRunner")).isFalse();
	}

}
