package io.greenhub.spring.redis;

import java.util.function.ToLongFunction;

import io.greenhub.redis.RedisQueue;
import io.greenhub.redis.RedisSemaphore;
import io.greenhub.spring.metrics.GreenMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Binds the counters of the Redis primitives: lease renewals and expiries of each
 * semaphore, redeliveries, dead letters and late acknowledgements of each queue, read
 * from the stores when the registry is read. {@link #bindTo} runs once, on the thread
 * that binds the registry, and finds the stores among the beans then.
 */
public final class GreenRedisMeterBinder implements MeterBinder {

	private final ListableBeanFactory beans;

	/**
	 * Creates the binder.
	 * @param beans the bean factory that holds the Redis stores ({@code <name>.store}
	 * beans)
	 */
	public GreenRedisMeterBinder(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.beans.getBeansOfType(RedisSemaphore.class).values().forEach((semaphore) -> {
			counter(registry, GreenMeters.SEMAPHORE_LEASE_RENEWALS, semaphore.name(), semaphore,
					RedisSemaphore::renewals);
			counter(registry, GreenMeters.SEMAPHORE_LEASE_EXPIRIES, semaphore.name(), semaphore,
					RedisSemaphore::expiries);
		});
		for (RedisQueue<?> queue : this.beans.getBeansOfType(RedisQueue.class).values()) {
			counter(registry, GreenMeters.QUEUE_REDELIVERIES, queue.name(), queue, (counted) -> counted.redeliveries());
			counter(registry, GreenMeters.QUEUE_DEAD_LETTERS, queue.name(), queue, (counted) -> counted.deadLetters());
			counter(registry, GreenMeters.QUEUE_LATE_ACKNOWLEDGEMENTS, queue.name(), queue,
					(counted) -> counted.lateAcknowledgements());
		}
	}

	private static <T> void counter(MeterRegistry registry, GreenMeters meter, String name, T store,
			ToLongFunction<T> count) {
		FunctionCounter.builder(meter.getName(), store, (counted) -> count.applyAsLong(counted))
			.tags(GreenMeters.Keys.NAME.asString(), name, GreenMeters.Keys.STORE.asString(), "redis")
			.register(registry);
	}

}
