package io.greenhub.sample.orders;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.greenhub.primitives.GreenQueue;
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

	/**
	 * A pause of the context (as Spring's test framework pauses a cached context) stops
	 * the workers and the web server; a restart starts both again, and orders are taken
	 * as before.
	 */
	@Test
	void afterAPauseAndARestartOfTheContextTheWorkersTakeOrdersAgain() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("test")
			.run("--server.port=0", "--sample.orders.workers=2", "--sample.orders.downstream-delay=10ms")) {
			OrderPipeline pipeline = context.getBean(OrderPipeline.class);
			assertThat(order(pipeline)).isEqualTo("done");
			context.pause();
			assertThat(pipeline.workers().running()).isZero();
			context.restart();
			assertThat(pipeline.workers().running()).isEqualTo(2);
			assertThat(order(pipeline)).isEqualTo("done");
		}
	}

	private static String order(OrderPipeline pipeline) {
		Order order = pipeline.submit("tea", 1).orElseThrow();
		return order.await(Duration.ofSeconds(10)).orElseThrow().status();
	}

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
			WebClient web = WebClient
				.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
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
			assertThat(pipeline.workers().isRunning()).isTrue();
		}
		assertThat(pipeline.workers().isRunning()).isFalse();
		assertThat(pipeline.workers().running()).isZero();
		assertThat(queue.size()).isZero();
		assertThat(ids).allSatisfy((id) -> assertThat(pipeline.find(id))
			.hasValueSatisfying((order) -> assertThat(order.outcome().poll()).isNotNull()
				.extracting(Order.Outcome::status)
				.isEqualTo("done")));
	}

}
