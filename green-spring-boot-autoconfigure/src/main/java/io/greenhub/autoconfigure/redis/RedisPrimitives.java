package io.greenhub.autoconfigure.redis;

import java.time.Duration;
import java.util.function.Supplier;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.redis.GreenRedis;
import io.greenhub.redis.RedisEvent;
import io.greenhub.redis.RedisQueue;
import io.greenhub.redis.RedisSemaphore;
import io.greenhub.redis.RedisValueCodec;
import io.greenhub.spring.redis.JsonValueCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The beans of a named primitive with {@code store: redis}: its store, named
 * {@code <name>.store} and qualified by the name (so
 * {@code @Qualifier("downstream") RedisSemaphore} injects it, for fencing tokens), and
 * the {@code GreenSemaphore}, {@code GreenQueue} or {@code GreenEvent} named by the name
 * that delegates to it. Loaded only when a property asks for Redis and green-hub-redis is
 * on the classpath; runs on the thread that refreshes the context.
 */
public final class RedisPrimitives {

	private static final boolean jackson = ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", null);

	private RedisPrimitives() {
	}

	/**
	 * Registers the beans of a Redis semaphore.
	 * @param registry the registry, a bean factory
	 * @param name the semaphore's name
	 * @param permits its permits
	 */
	public static void registerSemaphore(BeanDefinitionRegistry registry, String name, int permits) {
		BeanFactory beans = (BeanFactory) registry;
		String property = "green.semaphores." + name + ".store";
		register(registry, name, RedisSemaphore.class, () -> redis(beans, property).semaphore(name, permits));
		RootBeanDefinition semaphore = new RootBeanDefinition(GreenSemaphore.class,
				() -> GreenSemaphore.of(beans.getBean(name + ".store", RedisSemaphore.class)));
		semaphore.setDependsOn(name + ".store");
		registry.registerBeanDefinition(name, semaphore);
	}

	/**
	 * Registers the beans of a Redis queue.
	 * @param registry the registry, a bean factory
	 * @param name the queue's name
	 * @param capacity its capacity, {@link Integer#MAX_VALUE} for none
	 * @param type the type its items are read as, or null for JSON values
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void registerQueue(BeanDefinitionRegistry registry, String name, int capacity,
			@Nullable Class<?> type) {
		BeanFactory beans = (BeanFactory) registry;
		String property = "green.queues." + name + ".store";
		register(registry, name, RedisQueue.class, () -> redis(beans, property).queue(name, capacity,
				codec(beans, "green.queues." + name + ".type", type)));
		RootBeanDefinition queue = new RootBeanDefinition(GreenQueue.class,
				() -> GreenQueue.of(beans.getBean(name + ".store", RedisQueue.class)));
		queue.setDependsOn(name + ".store");
		registry.registerBeanDefinition(name, queue);
	}

	/**
	 * Registers the beans of a Redis event.
	 * @param registry the registry, a bean factory
	 * @param name the event's name
	 * @param type the type its value is read as, or null for JSON values
	 * @param timeToLive how long a value sent stays in Redis
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void registerEvent(BeanDefinitionRegistry registry, String name, @Nullable Class<?> type,
			Duration timeToLive) {
		BeanFactory beans = (BeanFactory) registry;
		String property = "green.events." + name + ".store";
		register(registry, name, RedisEvent.class, () -> redis(beans, property).event(name,
				codec(beans, "green.events." + name + ".type", type), timeToLive));
		RootBeanDefinition event = new RootBeanDefinition(GreenEvent.class,
				() -> GreenEvent.of(beans.getBean(name + ".store", RedisEvent.class)));
		event.setDependsOn(name + ".store");
		registry.registerBeanDefinition(name, event);
	}

	private static <T> void register(BeanDefinitionRegistry registry, String name, Class<T> type, Supplier<T> store) {
		RootBeanDefinition definition = new RootBeanDefinition(type, store);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		definition.setDefaultCandidate(false);
		registry.registerBeanDefinition(name + ".store", definition);
	}

	private static RedisValueCodec<Object> codec(BeanFactory beans, String typeProperty, @Nullable Class<?> type) {
		if (jackson) {
			JsonMapper mapper = beans.getBeanProvider(JsonMapper.class).getIfAvailable(JsonMapper::new);
			return new JsonValueCodec(mapper, (type != null) ? type : Object.class);
		}
		if (type != null && type != String.class) {
			throw new InvalidConfigurationPropertyValueException(typeProperty, type.getName(),
					"Without Jackson on the classpath a Redis queue or event holds strings only.");
		}
		RedisValueCodec<?> strings = RedisValueCodec.strings();
		@SuppressWarnings("unchecked")
		RedisValueCodec<Object> codec = (RedisValueCodec<Object>) strings;
		return codec;
	}

	private static GreenRedis redis(BeanFactory beans, String property) {
		GreenRedis redis = beans.getBeanProvider(GreenRedis.class).getIfAvailable();
		if (redis == null) {
			throw new InvalidConfigurationPropertyValueException(property, "redis",
					"No Redis connection: Spring Boot's "
							+ "Redis auto-configuration (spring.data.redis.*) made no LettuceConnectionFactory bean.");
		}
		return redis;
	}

}
