package io.greenhub.autoconfigure;

import io.greenhub.primitives.GreenQueue;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the named green primitives of {@code application.yml}: each entry
 * of {@code green.queues}, {@code green.semaphores} and {@code green.events} becomes a
 * bean named by its key, injectable with {@code @Qualifier("orders") GreenQueue<Order>}
 * or by parameter name.
 */
@AutoConfiguration
@ConditionalOnClass(GreenQueue.class)
@EnableConfigurationProperties(GreenPrimitivesProperties.class)
@Import(GreenPrimitivesRegistrar.class)
public final class GreenPrimitivesAutoConfiguration {

	private GreenPrimitivesAutoConfiguration() {
	}

}
