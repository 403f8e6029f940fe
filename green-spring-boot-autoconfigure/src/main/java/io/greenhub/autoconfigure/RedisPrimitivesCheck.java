package io.greenhub.autoconfigure;

import io.greenhub.autoconfigure.redis.RedisPrimitives;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The named primitives with {@code store: redis}: checked before any bean is registered, so that a
 * Redis store without green-hub-redis or Lettuce on the classpath, or a setting Redis cannot honour,
 * fails at start-up naming its property; then handed to {@link RedisPrimitives}, which is loaded
 * only then.
 */
final class RedisPrimitivesCheck {

	private static final String[] NEEDED = { "io.greenhub.redis.GreenRedis",
			"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory", "io.lettuce.core.RedisClient" };

	private RedisPrimitivesCheck() {
	}

	static void check(GreenPrimitivesProperties properties, @Nullable ClassLoader classLoader) {
		properties.getSemaphores().forEach((name, semaphore) -> {
			if (semaphore.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.semaphores." + name + ".store", classLoader);
				if (semaphore.getPermits() < 1) {
					throw new InvalidConfigurationPropertyValueException("green.semaphores." + name + ".permits",
							semaphore.getPermits(), "A semaphore on Redis needs at least 1 permit.");
				}
			}
		});
		properties.getQueues().forEach((name, queue) -> {
			if (queue.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.queues." + name + ".store", classLoader);
				if (queue.getCapacity() != null && queue.getCapacity() < 1) {
					throw new InvalidConfigurationPropertyValueException("green.queues." + name + ".capacity",
							queue.getCapacity(), "A queue on Redis needs a capacity of at least 1: it cannot be a rendezvous.");
				}
				if (queue.getOrder() != GreenPrimitivesProperties.QueueOrder.FIFO) {
					throw new InvalidConfigurationPropertyValueException("green.queues." + name + ".order", queue.getOrder(),
							"A queue on Redis is a stream: first in, first out.");
				}
			}
		});
		checkEvents(properties, classLoader);
	}

	private static void checkEvents(GreenPrimitivesProperties properties, @Nullable ClassLoader classLoader) {
		properties.getEvents().forEach((name, event) -> {
			if (event.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.events." + name + ".store", classLoader);
				if (event.getTimeToLive().toMillis() < 1) {
					throw new InvalidConfigurationPropertyValueException("green.events." + name + ".time-to-live",
							event.getTimeToLive(), "An event on Redis needs a time to live of at least 1 ms.");
				}
			}
		});
	}

	private static void checkClasspath(String property, @Nullable ClassLoader classLoader) {
		for (String needed : NEEDED) {
			if (!ClassUtils.isPresent(needed, classLoader)) {
				throw new InvalidConfigurationPropertyValueException(property, "redis", "A primitive on Redis needs "
						+ "io.greenhub:green-hub-redis and spring-boot-starter-data-redis (Lettuce) on the classpath; "
						+ needed + " is missing.");
			}
		}
	}

	static void register(BeanDefinitionRegistry registry, String name, GreenPrimitivesProperties.Semaphore semaphore) {
		if (!registry.containsBeanDefinition(name)) {
			RedisPrimitives.registerSemaphore(registry, name, semaphore.getPermits());
		}
	}

	static void register(BeanDefinitionRegistry registry, String name, GreenPrimitivesProperties.Queue queue) {
		if (!registry.containsBeanDefinition(name)) {
			Integer capacity = queue.getCapacity();
			ClassLoader classLoader = (registry instanceof ConfigurableBeanFactory beans) ? beans.getBeanClassLoader() : null;
			RedisPrimitives.registerQueue(registry, name, (capacity != null) ? capacity : Integer.MAX_VALUE,
					type("green.queues." + name + ".type", queue.getType(), classLoader));
		}
	}

	static void register(BeanDefinitionRegistry registry, String name, GreenPrimitivesProperties.Event event) {
		if (!registry.containsBeanDefinition(name)) {
			ClassLoader classLoader = (registry instanceof ConfigurableBeanFactory beans) ? beans.getBeanClassLoader() : null;
			RedisPrimitives.registerEvent(registry, name, type("green.events." + name + ".type", event.getType(), classLoader),
					event.getTimeToLive());
		}
	}

	private static @Nullable Class<?> type(String property, @Nullable String type, @Nullable ClassLoader classLoader) {
		if (type == null) {
			return null;
		}
		try {
			return ClassUtils.forName(type, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new InvalidConfigurationPropertyValueException(property, type,
					"No such class: " + ex.getMessage());
		}
	}

}
