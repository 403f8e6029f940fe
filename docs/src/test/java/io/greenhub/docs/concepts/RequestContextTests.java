package io.greenhub.docs.concepts;

import java.time.Duration;
import java.util.List;

import io.greenhub.GreenHubGroup;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concepts guide's context-propagation sample: a filter's MDC entry follows each request into
 * its green handler, across a park, and no further. And the reference's customizer sample.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
@AutoConfigureWebTestClient
class RequestContextTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private GreenHubGroup hubs;

	@Test
	void theCustomizerBeanAppliesAfterTheProperties() {
		assertThat(this.hubs.hubs()).hasSize(2);
		assertThat(this.hubs.blockingDetectionThreshold()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void eachGreenHandlerSeesItsOwnRequestsMdcAfterParking() {
		List<String> ids = Flux.range(0, 100).map((i) -> "request-" + i).collectList().block();
		List<String> seen = Flux.fromIterable(ids)
			.flatMap((id) -> this.client.get()
				.uri("/request-id")
				.header("X-Request-Id", id)
				.exchange()
				.returnResult(String.class)
				.getResponseBody()
				.map((body) -> id + "=" + body))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(seen).hasSize(100).allMatch((pair) -> pair.split("=")[0].equals(pair.split("=")[1]));
	}

}
