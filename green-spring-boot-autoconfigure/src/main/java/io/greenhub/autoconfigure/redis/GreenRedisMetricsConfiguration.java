package io.greenhub.autoconfigure.redis;

import io.greenhub.spring.redis.GreenRedisMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The counters of the Redis primitives ({@link GreenRedisMeterBinder}), when Micrometer
 * is there and {@code green.metrics.enabled} is not {@code false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(prefix = "green.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
class GreenRedisMetricsConfiguration {

	@Bean
	static GreenRedisMeterBinder greenRedisMeterBinder(ListableBeanFactory beans) {
		return new GreenRedisMeterBinder(beans);
	}

}
