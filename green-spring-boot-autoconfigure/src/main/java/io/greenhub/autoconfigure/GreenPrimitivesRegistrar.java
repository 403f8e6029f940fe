package io.greenhub.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean for each named primitive of {@code green.queues},
 * {@code green.semaphores} and {@code green.events}, named by its key (those with
 * {@code store: redis} through {@link RedisPrimitivesCheck}); a bean of the application's
 * own with that name is left alone. Runs once, on the thread that refreshes the context.
 */
final class GreenPrimitivesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (this.environment == null) {
			return;
		}
		// bound before any bean exists, so validated here as Boot validates the
		// properties bean
		GreenPrimitivesProperties properties = new GreenPrimitivesProperties();
		Binder.get(this.environment)
			.bind("green", Bindable.ofInstance(properties), new ValidationBindHandler(properties));
		RedisPrimitivesCheck.check(properties,
				(registry instanceof ConfigurableBeanFactory beans) ? beans.getBeanClassLoader() : null);
		properties.getQueues().forEach((name, queue) -> {
			if (queue.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				RedisPrimitivesCheck.register(registry, name, queue);
				return;
			}
			register(registry, name, GreenQueue.class, () -> queue(name, queue));
		});
		for (Map.Entry<String, GreenPrimitivesProperties.Semaphore> entry : properties.getSemaphores().entrySet()) {
			String name = entry.getKey();
			GreenPrimitivesProperties.Semaphore semaphore = entry.getValue();
			if (semaphore.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				RedisPrimitivesCheck.register(registry, name, semaphore);
				continue;
			}
			register(registry, name, GreenSemaphore.class,
					() -> semaphore.isBounded() ? GreenSemaphore.bounded(name, semaphore.getPermits())
							: new GreenSemaphore(name, semaphore.getPermits()));
		}
		properties.getEvents().forEach((name, event) -> {
			if (event.getStore() == GreenPrimitivesProperties.Store.REDIS) {
				RedisPrimitivesCheck.register(registry, name, event);
				return;
			}
			register(registry, name, GreenEvent.class, () -> new GreenEvent<>(name));
		});
	}

	private static GreenQueue<Object> queue(String name, GreenPrimitivesProperties.Queue queue) {
		Integer capacity = queue.getCapacity();
		if (capacity == null) {
			if (queue.getOrder() == GreenPrimitivesProperties.QueueOrder.LIFO) {
				return GreenQueue.lifo(name, Integer.MAX_VALUE);
			}
			return GreenQueue.unbounded(name);
		}
		return (queue.getOrder() == GreenPrimitivesProperties.QueueOrder.LIFO) ? GreenQueue.lifo(name, capacity)
				: GreenQueue.bounded(name, capacity);
	}

	private static <T> void register(BeanDefinitionRegistry registry, String name, Class<T> type,
			Supplier<T> instance) {
		if (registry.containsBeanDefinition(name)) {
			return;
		}
		registry.registerBeanDefinition(name, new RootBeanDefinition(type, instance));
	}

}
