package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.greenhub.GreenQueue;
import io.greenhub.sample.SampleApplication;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing the application lets the workers finish the queued orders, then stops them.
 */
class OrderPipelineShutdownTests {

	@Test
	void ordersQueuedAtShutdownAreFinishedAndTheWorkersStop() {
		OrderPipeline pipeline;
		GreenQueue<?> queue;
		List<String> ids;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("test")
			.run("--server.port=0", "--sample.orders.workers=4", "--sample.orders.downstream-delay=200ms")) {
			pipeline = context.getBean(OrderPipeline.class);
			queue = context.getBean("orders", GreenQueue.class);
			WebClient web = WebClient.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
			ids = Flux.range(0, 12)
				.flatMap((i) -> web.post()
					.uri("/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("item", "tea", "quantity", 1))
					.retrieve()
					.bodyToMono(OrderView.class)
					.map(OrderView::id))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(ids).hasSize(12);
			assertThat(pipeline.isRunning()).isTrue();
		}
		assertThat(pipeline.isRunning()).isFalse();
		assertThat(queue.isClosed()).isTrue();
		assertThat(ids).allSatisfy((id) -> assertThat(pipeline.find(id)).hasValueSatisfying((order) -> assertThat(
				order.outcome().poll()).isNotNull().extracting(Order.Outcome::status).isEqualTo("done")));
	}

}
