package io.greenhub.sample.orders;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.greenhub.sample.RequestDurations;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.web.GreenEmitter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * The order pipeline over HTTP.
 * <ul>
 * <li>{@code POST /orders} queues an order and answers 202 Accepted with its id and
 * Location at once, or 503 with Retry-After when the queue is full or closed;</li>
 * <li>{@code GET /orders/{id}?wait=2s} waits at most that long for the order's outcome:
 * 200 with it, 202 with status {@code pending} if it is still being processed, 404 for an
 * unknown id;</li>
 * <li>{@code GET /orders/{id}/progress} streams the order's progress as server-sent
 * events, from a green handler that sends them one by one ({@link GreenEmitter}):
 * {@code pending} at once, {@code processing} when a worker of this instance takes it,
 * then {@code done} or {@code failed}, and the stream ends; a comment every five seconds
 * while it waits.</li>
 * </ul>
 */
@RestController
@GreenHandler
class OrderController {

	private static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private static final int MAX_QUANTITY = 1000;

	private static final Duration HEARTBEAT = Duration.ofSeconds(5);

	private final OrderPipeline pipeline;

	OrderController(OrderPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@PostMapping("/orders")
	ResponseEntity<OrderView> place(@RequestBody OrderRequest request) {
		String item = request.item();
		if (item == null || item.isBlank()) {
			throw new ServerWebInputException("Order item must not be blank, was: '" + item + "'");
		}
		if (request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
			throw new ServerWebInputException(
					"Order quantity must be between 1 and " + MAX_QUANTITY + ", was: " + request.quantity());
		}
		Order order = this.pipeline.submit(item, request.quantity()).orElseThrow(OrderController::queueFull);
		return ResponseEntity.accepted().location(location(order)).body(OrderView.pending(order));
	}

	@GetMapping("/orders/{id}")
	ResponseEntity<OrderView> get(@PathVariable String id, @RequestParam(defaultValue = "2s") String wait) {
		Duration limit = RequestDurations.parse("wait", wait, MAX_WAIT);
		Order order = find(id);
		return order.await(limit)
			.map((outcome) -> ResponseEntity.ok(OrderView.of(order, outcome)))
			.orElseGet(() -> ResponseEntity.accepted().location(location(order)).body(OrderView.pending(order)));
	}

	@GetMapping(path = "/orders/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void progress(@PathVariable String id, GreenEmitter<ServerSentEvent<OrderView>> events) throws IOException {
		Order order = find(id); // an unknown id is answered 404, as nothing is sent yet
		events.send(event("pending", OrderView.pending(order)));
		boolean processing = false;
		for (;;) {
			if (!processing && order.started().isReady()) {
				processing = true;
				events.send(event("processing", OrderView.processing(order)));
			}
			Optional<Order.Outcome> outcome = order.await(Duration.ZERO);
			if (outcome.isPresent()) {
				events.send(event(outcome.get().status(), OrderView.of(order, outcome.get())));
				return;
			}
			// parks until the next step, or a heartbeat; the outcome may come without a
			// local start
			boolean moved = processing ? order.await(HEARTBEAT).isPresent()
					: order.started().await(HEARTBEAT).isPresent();
			if (!moved) {
				events
					.send(ServerSentEvent.<OrderView>builder().comment(processing ? "processing" : "pending").build());
			}
		}
	}

	private static ServerSentEvent<OrderView> event(String name, OrderView order) {
		return ServerSentEvent.builder(order).event(name).build();
	}

	private Order find(String id) {
		return this.pipeline.find(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order with id '" + id + "'"));
	}

	private static URI location(Order order) {
		return URI.create("/orders/" + order.id());
	}

	private static ErrorResponseException queueFull() {
		ErrorResponseException unavailable = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE);
		unavailable.setDetail("The order queue is full or closed; try again later");
		unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return unavailable;
	}

}
