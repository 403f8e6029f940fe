package io.greenhub.autoconfigure.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.greenhub.autoconfigure.redis.RedisApplication.Order;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.redis.RedisDelivery;
import io.greenhub.redis.RedisLease;
import io.greenhub.redis.RedisSemaphore;
import io.greenhub.redis.RedisServerExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application, each a Spring context with its own server on a random
 * port, sharing a semaphore and a queue on a real redis-server.
 */
@SuppressWarnings("unchecked")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GreenRedisApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	static final RedisServerExtension server = new RedisServerExtension();

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopThem() {
		second.close();
		first.close();
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(RedisApplication.class)
			.properties("server.port=0", "spring.data.redis.url=" + server.uri(), "green.hub.hubs=2",
					"green.redis.timeout=500ms", "green.semaphores.downstream.permits=1",
					"green.semaphores.downstream.store=redis", "green.queues.orders.capacity=100",
					"green.queues.orders.store=redis", "green.queues.orders.type=" + Order.class.getName(),
					"green.events.shipped.store=redis", "green.events.shipped.type=" + Order.class.getName())
			.run();
	}

	@Test
	void aPermitTakenInOneInstanceIsMissingInTheOtherUntilItsRelease() {
		GreenSemaphore mine = first.getBean("downstream", GreenSemaphore.class);
		GreenSemaphore theirs = second.getBean("downstream", GreenSemaphore.class);
		assertThat(mine.store()).isEqualTo("redis");
		mine.acquire();
		assertThat(theirs.tryAcquire()).isFalse();
		mine.release();
		client(second).get()
			.uri("/downstream")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("called");
		RedisSemaphore store = first.getBean("downstream.store", RedisSemaphore.class);
		try (RedisLease lease = store.acquireLease()) {
			assertThat(lease.token()).isPositive();
		}
	}

	@Test
	void anOrderPostedToOneInstanceIsTakenAsAnOrderByTheOther() {
		client(first).post().uri("/orders/o-1").exchange().expectStatus().isOk();
		GreenQueue<Order> orders = second.getBean("orders", GreenQueue.class);
		assertThat(orders.poll(WAIT)).isEqualTo(new Order("o-1", 1));
		assertThat(RedisDelivery.current())
			.hasValueSatisfying((delivery) -> assertThat(delivery.redelivered()).isFalse());
		orders.taskDone();
	}

	@Test
	void anEventSentByAHandlerOfOneInstanceWakesAWaiterOfTheOther() throws Exception {
		GreenEvent<Order> theirs = second.getBean("shipped", GreenEvent.class);
		assertThat(theirs.store()).isEqualTo("redis");
		// a platform thread waits: blocked, as on any thread that is not green
		CompletableFuture<Order> waiter = CompletableFuture.supplyAsync(theirs::await);
		await().atMost(WAIT).until(() -> theirs.waiters() == 1);
		client(first).post().uri("/shipped/o-3").exchange().expectStatus().isOk();
		assertThat(waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new Order("o-3", 1));
		assertThatIllegalStateException().isThrownBy(() -> theirs.send(new Order("o-4", 1)))
			.withMessageContaining("already been sent");
		GreenEvent<Order> mine = first.getBean("shipped", GreenEvent.class);
		assertThat(mine.poll()).isEqualTo(new Order("o-3", 1));
		assertThat(first.getBean(MeterRegistry.class)
			.get("green.event.ready")
			.tags("name", "shipped", "store", "redis")
			.gauge()
			.value()).isEqualTo(1);
	}

	@Test
	@org.junit.jupiter.api.Order(Integer.MAX_VALUE)
	void withRedisStoppedHandlersAnswer503WithAProblemDetailAndRecoverOnceItIsBack() {
		client(first).get().uri("/downstream").exchange().expectStatus().isOk();
		server.stop();
		try {
			client(first).get()
				.uri("/downstream")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Store unavailable")
				.jsonPath("$.detail")
				.value((detail) -> assertThat((String) detail).contains("semaphore 'downstream'"));
			client(second).post().uri("/orders/o-2").exchange().expectStatus().isEqualTo(503);
		}
		finally {
			server.start();
		}
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { first, second }) {
			await().atMost(WAIT)
				.until(() -> client(instance).get()
					.uri("/downstream")
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.is2xxSuccessful());
		}
	}

	@Test
	void theMetersOfARedisPrimitiveAreTaggedWithItsStore() {
		MeterRegistry meters = first.getBean(MeterRegistry.class);
		assertThat(meters.get("green.semaphore.permits").tags("name", "downstream", "store", "redis").gauge())
			.isNotNull();
		assertThat(meters.get("green.queue.capacity").tags("name", "orders", "store", "redis").gauge().value())
			.isEqualTo(100);
		assertThat(meters.get("green.semaphore.lease.renewals")
			.tags("name", "downstream", "store", "redis")
			.functionCounter()).isNotNull();
		assertThat(meters.get("green.queue.dead.letters")
			.tags("name", "orders", "store", "redis")
			.functionCounter()
			.count()).isZero();
		assertThat(meters.get("green.queue.redeliveries").tags("name", "orders", "store", "redis").functionCounter())
			.isNotNull();
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(WAIT).build();
	}

}
