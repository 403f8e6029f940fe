package io.greenhub.autoconfigure.redis;

import java.util.function.ToLongFunction;

import io.greenhub.autoconfigure.metrics.GreenMeters;
import io.greenhub.redis.RedisQueue;
import io.greenhub.redis.RedisSemaphore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The counters of the Redis primitives: lease renewals and expiries of each semaphore,
 * redeliveries, dead letters and late acknowledgements of each queue, read from the stores when
 * the registry is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "green.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
class GreenRedisMetricsConfiguration {

	@Bean
	static MeterBinder greenRedisMeterBinder(ListableBeanFactory beans) {
		return (registry) -> {
			beans.getBeansOfType(RedisSemaphore.class).values().forEach((semaphore) -> {
				counter(registry, GreenMeters.SEMAPHORE_LEASE_RENEWALS, semaphore.name(), semaphore, RedisSemaphore::renewals);
				counter(registry, GreenMeters.SEMAPHORE_LEASE_EXPIRIES, semaphore.name(), semaphore, RedisSemaphore::expiries);
			});
			for (RedisQueue<?> queue : beans.getBeansOfType(RedisQueue.class).values()) {
				counter(registry, GreenMeters.QUEUE_REDELIVERIES, queue.name(), queue, (counted) -> counted.redeliveries());
				counter(registry, GreenMeters.QUEUE_DEAD_LETTERS, queue.name(), queue, (counted) -> counted.deadLetters());
				counter(registry, GreenMeters.QUEUE_LATE_ACKNOWLEDGEMENTS, queue.name(), queue,
						(counted) -> counted.lateAcknowledgements());
			}
		};
	}

	private static <T> void counter(MeterRegistry registry, GreenMeters meter, String name, T store,
			ToLongFunction<T> count) {
		FunctionCounter.builder(meter.getName(), store, (counted) -> count.applyAsLong(counted))
			.tags(GreenMeters.Keys.NAME.asString(), name, GreenMeters.Keys.STORE.asString(), "redis")
			.register(registry);
	}

}
