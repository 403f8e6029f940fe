package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.Map;

import io.greenhub.primitives.GreenQueue;
import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * One slow worker and a queue of one: the third order finds the queue full.
 */
@SampleTest
@TestPropertySource(properties = { "green.queues.orders.capacity=1", "sample.orders.workers=1",
		"sample.orders.downstream-delay=3s", "sample.orders.shutdown-grace-period=1s" })
class OrderQueueFullTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	@Qualifier("orders")
	private GreenQueue<Order> queue;

	@Test
	void anOrderThatFindsTheQueueFullIsServiceUnavailableWithRetryAfter() {
		place().expectStatus().isAccepted();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queue.size() == 0);
		place().expectStatus().isAccepted();
		place().expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The order queue is full or closed; try again later");
	}

	private WebTestClient.ResponseSpec place() {
		return this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("item", "tea", "quantity", 1))
			.exchange();
	}

}
