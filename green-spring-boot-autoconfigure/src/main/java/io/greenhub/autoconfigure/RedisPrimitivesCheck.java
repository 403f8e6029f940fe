package io.greenhub.autoconfigure;

import io.greenhub.autoconfigure.redis.RedisPrimitives;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The named primitives with {@code store: redis}: checked before any bean is registered,
 * so that a Redis store without green-hub-redis or Lettuce on the classpath fails at
 * start-up naming its property; then handed to {@link RedisPrimitives}, which is loaded
 * only then.
 */
final class RedisPrimitivesCheck {

	private static final String[] NEEDED = { "io.greenhub.redis.GreenRedis",
			"org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
			"io.lettuce.core.RedisClient" };

	private RedisPrimitivesCheck() {
	}

	// the values themselves are validated when the properties are bound
	// (GreenPrimitivesProperties#validate)
	static void check(GreenPrimitivesProperties properties, @Nullable ClassLoader classLoader) {
		properties.getSemaphores().forEach((name, semaphore) -> {
			if (semaphore.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.semaphores." + name + ".store", classLoader);
			}
		});
		properties.getQueues().forEach((name, queue) -> {
			if (queue.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.queues." + name + ".store", classLoader);
			}
		});
		properties.getEvents().forEach((name, event) -> {
			if (event.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				checkClasspath("green.events." + name + ".store", classLoader);
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
			ClassLoader classLoader = (registry instanceof ConfigurableBeanFactory beans) ? beans.getBeanClassLoader()
					: null;
			RedisPrimitives.registerQueue(registry, name, (capacity != null) ? capacity : Integer.MAX_VALUE,
					type("green.queues." + name + ".type", queue.getType(), classLoader));
		}
	}

	static void register(BeanDefinitionRegistry registry, String name, GreenPrimitivesProperties.Event event) {
		if (!registry.containsBeanDefinition(name)) {
			ClassLoader classLoader = (registry instanceof ConfigurableBeanFactory beans) ? beans.getBeanClassLoader()
					: null;
			RedisPrimitives.registerEvent(registry, name,
					type("green.events." + name + ".type", event.getType(), classLoader), event.getTimeToLive());
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
			throw new InvalidConfigurationPropertyValueException(property, type, "No such class: " + ex.getMessage());
		}
	}

}
