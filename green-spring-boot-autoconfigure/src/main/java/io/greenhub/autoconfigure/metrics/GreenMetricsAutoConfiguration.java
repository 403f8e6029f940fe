package io.greenhub.autoconfigure.metrics;

import java.util.Map;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.autoconfigure.GreenPrimitivesAutoConfiguration;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import io.greenhub.primitives.GreenSemaphore;
import io.greenhub.spring.metrics.GreenMeterBinder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Micrometer meters of green-hub, named {@code green.*}: after Spring Boot's meter
 * registries, and off with {@code green.metrics.enabled=false}.
 */
@AutoConfiguration(after = { GreenHubAutoConfiguration.class, GreenPrimitivesAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, GreenHubGroup.class })
@ConditionalOnProperty(prefix = "green.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
@Import(GreenMetricsAutoConfiguration.BinderConfiguration.class)
public final class GreenMetricsAutoConfiguration {

	private GreenMetricsAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class BinderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@SuppressWarnings({ "unchecked", "rawtypes" })
		GreenMeterBinder greenMeterBinder(GreenHubGroup hubs, ListableBeanFactory beans) {
			Map<String, GreenQueue<?>> queues = (Map) beans.getBeansOfType(GreenQueue.class);
			Map<String, GreenEvent<?>> events = (Map) beans.getBeansOfType(GreenEvent.class);
			return new GreenMeterBinder(hubs, queues, beans.getBeansOfType(GreenSemaphore.class), events);
		}

	}

}
