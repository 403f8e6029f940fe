package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test profile's downstream takes 300ms per order; 16 workers share the 8 permits of
 * the {@code downstream} semaphore.
 */
@SampleTest
class OrderPipelineTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Autowired
	private OrderPipeline pipeline;

	@Autowired
	@Qualifier("downstream")
	private GreenSemaphore downstream;

	@Value("${local.server.port}")
	private int port;

	@Test
	void fiftyConcurrentOrdersAllCompleteWithNoMoreDownstreamCallsAtOnceThanPermits() {
		WebClient web = WebClient.create("http://127.0.0.1:" + this.port);
		List<String> locations = Flux.range(0, 50)
			.flatMap((i) -> web.post()
				.uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("item", "tea-" + i, "quantity", 1))
				.retrieve()
				.toBodilessEntity()
				.map((response) -> {
					assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
					return response.getHeaders().getLocation().toString();
				}), 50)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(locations).hasSize(50).doesNotHaveDuplicates();
		List<Map<String, Object>> done = Flux.fromIterable(locations)
			.flatMap((location) -> web.get().uri(location + "?wait=20s").retrieve().bodyToMono(JSON), 50)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(done).hasSize(50).allSatisfy((order) -> {
			assertThat(order).containsEntry("status", "done");
			assertThat(order.get("detail")).asString().startsWith("orders answered after 300ms for order ");
		});
		int permits = 8;
		assertThat(this.downstream.availablePermits()).isEqualTo(permits);
		assertThat(this.pipeline.peakDownstreamCalls()).as("most downstream calls seen at once").isBetween(2, permits);
	}

	@Test
	void anOrderIsPendingUntilItIsDoneAndGetWaitsForIt() {
		String location = this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("item", "coffee", "quantity", 2))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pending")
			.jsonPath("$.item")
			.isEqualTo("coffee")
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		this.client.get()
			.uri(location + "?wait=0s")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.location(location)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pending");
		this.client.get()
			.uri(location + "?wait=5s")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("done")
			.jsonPath("$.quantity")
			.isEqualTo(2);
	}

	@Test
	void anUnknownOrderIsNotFound() {
		this.client.get()
			.uri("/orders/no-such-order")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No order with id 'no-such-order'");
	}

	@Test
	void aBadOrderOrWaitIsABadRequest() {
		IntStream.of(0, -1, 1001)
			.forEach((quantity) -> this.client.post()
				.uri("/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("item", "tea", "quantity", quantity))
				.exchange()
				.expectStatus()
				.isBadRequest());
		this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("quantity", 1))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.client.get().uri("/orders/x?wait=forever").exchange().expectStatus().isBadRequest();
	}

}
