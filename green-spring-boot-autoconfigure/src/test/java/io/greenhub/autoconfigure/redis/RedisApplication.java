package io.greenhub.autoconfigure.redis;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spring.GreenHandler;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose downstream semaphore, orders queue and shipped event are on Redis,
 * run twice by the tests as two instances.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RedisApplication.OrdersController.class)
public class RedisApplication {

	/**
	 * An order, written to the stream as JSON.
	 *
	 * @param id the order's id
	 * @param quantity how many
	 */
	public record Order(String id, int quantity) {
	}

	@RestController
	@GreenHandler
	static class OrdersController {

		private final GreenSemaphore downstream;

		private final GreenQueue<Order> orders;

		private final GreenEvent<Order> shipped;

		OrdersController(@Qualifier("downstream") GreenSemaphore downstream,
				@Qualifier("orders") GreenQueue<Order> orders, @Qualifier("shipped") GreenEvent<Order> shipped) {
			this.downstream = downstream;
			this.orders = orders;
			this.shipped = shipped;
		}

		@GetMapping("/downstream")
		String downstream() {
			return this.downstream.withPermit(() -> "called");
		}

		@PostMapping("/orders/{id}")
		String order(@PathVariable String id) {
			this.orders.put(new Order(id, 1));
			return "queued";
		}

		@PostMapping("/shipped/{id}")
		String shipped(@PathVariable String id) {
			this.shipped.send(new Order(id, 1));
			return "sent";
		}

	}

}
