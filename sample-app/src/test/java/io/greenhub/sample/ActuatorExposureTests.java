package io.greenhub.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator is served on a management port of its own, bound to the loopback interface,
 * and tells anonymous callers no health details.
 */
@SampleTest
class ActuatorExposureTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private Environment environment;

	@LocalManagementPort
	private int managementPort;

	@Test
	void theActuatorEndpointsAreOnTheLoopbackManagementPortOnly() {
		assertThat(this.environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(this.managementPort).isPositive();
		// each body is read, so that no response buffer is left unreleased
		this.client.get().uri("/actuator/green").exchange().expectStatus().isNotFound().expectBody().returnResult();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isNotFound().expectBody().returnResult();
		management().get()
			.uri("/actuator/green")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.hubs")
			.isArray();
	}

	@Test
	void healthIsUpWithTheGreenIndicatorAndShowsNoDetailsToAnonymousCallers() {
		management().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.green.status")
			.isEqualTo("UP")
			.jsonPath("$.components.diskSpace.status")
			.isEqualTo("UP")
			.jsonPath("$.components.diskSpace.details")
			.doesNotExist()
			.jsonPath("$.components.green.details")
			.doesNotExist()
			// without the redis profile nothing connects to Redis, and Boot's Redis
			// indicator is off
			.jsonPath("$.components.redis")
			.doesNotExist();
	}

	private WebTestClient management() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort).build();
	}

}
