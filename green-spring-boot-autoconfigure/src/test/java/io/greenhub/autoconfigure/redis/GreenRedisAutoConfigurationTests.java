package io.greenhub.autoconfigure.redis;

import io.greenhub.autoconfigure.GreenPrimitivesAutoConfiguration;
import io.greenhub.redis.GreenRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named primitives with {@code store: redis} that cannot work fail at start-up naming
 * their property.
 */
class GreenRedisAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(GreenPrimitivesAutoConfiguration.class, GreenRedisAutoConfiguration.class));

	@Test
	void aRedisSemaphoreWithoutAConnectionFailsNamingItsStore() {
		this.runner
			.withPropertyValues("green.semaphores.downstream.permits=2", "green.semaphores.downstream.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.semaphores.downstream.store")
				.hasStackTraceContaining("LettuceConnectionFactory"));
	}

	@Test
	void aRedisQueueWithoutGreenHubRedisOnTheClasspathFailsNamingItsStore() {
		this.runner.withClassLoader(new FilteredClassLoader(GreenRedis.class))
			.withPropertyValues("green.queues.orders.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.queues.orders.store")
				.hasStackTraceContaining("green-hub-redis"));
	}

	@Test
	void aRedisQueueCannotBeARendezvous() {
		this.runner.withPropertyValues("green.queues.orders.store=redis", "green.queues.orders.capacity=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.queues.orders.capacity"));
	}

	@Test
	void aRedisQueueOfAnUnknownTypeFailsNamingItsType() {
		this.runner
			.withPropertyValues("green.queues.orders.store=redis", "green.queues.orders.type=com.example.NoSuchOrder")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.queues.orders.type")
				.hasStackTraceContaining("com.example.NoSuchOrder"));
	}

	@Test
	void aRedisEventWithoutAConnectionFailsNamingItsStore() {
		this.runner.withPropertyValues("green.events.shipped.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.events.shipped.store")
				.hasStackTraceContaining("LettuceConnectionFactory"));
	}

	@Test
	void aRedisEventOfAnUnknownTypeFailsNamingItsType() {
		this.runner
			.withPropertyValues("green.events.shipped.store=redis",
					"green.events.shipped.type=com.example.NoSuchReceipt")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.events.shipped.type")
				.hasStackTraceContaining("com.example.NoSuchReceipt"));
	}

	@Test
	void aRedisEventNeedsATimeToLive() {
		this.runner.withPropertyValues("green.events.shipped.store=redis", "green.events.shipped.time-to-live=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.events.shipped.time-to-live"));
	}

	@Test
	void aRedisEventWithoutGreenHubRedisOnTheClasspathFailsNamingItsStore() {
		this.runner.withClassLoader(new FilteredClassLoader(GreenRedis.class))
			.withPropertyValues("green.events.shipped.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("green.events.shipped.store")
				.hasStackTraceContaining("green-hub-redis"));
	}

	@Test
	void aRedisOrderOtherThanFifoOrASemaphoreWithoutPermitsFailsNamingItsProperty() {
		this.runner.withPropertyValues("green.queues.orders.store=redis", "green.queues.orders.order=lifo")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("green.queues.orders.order must be fifo for a queue on Redis"));
		this.runner.withPropertyValues("green.semaphores.db.store=redis", "green.semaphores.db.permits=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("green.semaphores.db.permits must be at least 1 for a semaphore on Redis"));
	}

	@Test
	void aRedisBoundOutOfRangeFailsAtStartNamingItsPropertyEvenBeforeAPrimitiveAsksForRedis() {
		this.runner.withPropertyValues("green.redis.lease=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("green.redis.lease must be at least 1 ms"));
		this.runner.withPropertyValues("green.redis.max-deliveries=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("green.redis.max-deliveries must be positive"));
	}

	@Test
	void withoutARedisPrimitiveNoConnectionIsMade() {
		this.runner.withPropertyValues("green.semaphores.local.permits=1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GreenRedis.class));
	}

}
