package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.greenhub.sample.SampleTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /orders/{id}/progress}: the order's progress as server-sent events, sent one
 * by one by a green handler, as the README shows with curl.
 */
@SampleTest
class OrderProgressTests {

	@Autowired
	private WebTestClient client;

	@Test
	void anOrdersProgressStreamsFromPendingToDoneAndEnds() {
		OrderView placed = this.client.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("item", "tea", "quantity", 2))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(OrderView.class)
			.returnResult()
			.getResponseBody();
		assertThat(placed).isNotNull();
		List<ServerSentEvent<OrderView>> events = this.client.get()
			.uri("/orders/{id}/progress", placed.id())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<OrderView>>() {
			})
			.getResponseBody()
			.filter((event) -> event.event() != null)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("pending", "processing", "done");
		assertThat(events).extracting((event) -> event.data().id()).containsOnly(placed.id());
		assertThat(events.get(2).data().detail()).startsWith("orders answered after ");
	}

	@Test
	void theProgressOfAnUnknownOrderIsNotFound() {
		this.client.get()
			.uri("/orders/no-such-order/progress")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No order with id 'no-such-order'");
	}

}
