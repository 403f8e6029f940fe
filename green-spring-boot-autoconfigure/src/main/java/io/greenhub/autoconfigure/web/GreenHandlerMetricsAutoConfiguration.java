package io.greenhub.autoconfigure.web;

import io.greenhub.spring.web.GreenHandlerMeterBinder;
import io.greenhub.spring.web.GreenRequestDispatcher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Micrometer meters of {@code @GreenHandler} admission ({@code green.handler.*}): after
 * Spring Boot's meter registries and green-hub's WebFlux support, and off with
 * {@code green.metrics.enabled=false}. Spring's own {@code http.server.requests} is
 * untouched.
 */
@AutoConfiguration(after = GreenWebFluxAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, GreenRequestDispatcher.class })
@ConditionalOnProperty(prefix = "green.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
@Import(GreenHandlerMetricsAutoConfiguration.BinderConfiguration.class)
public final class GreenHandlerMetricsAutoConfiguration {

	private GreenHandlerMetricsAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class BinderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenHandlerMeterBinder greenHandlerMeterBinder(GreenRequestDispatcher dispatcher) {
			return new GreenHandlerMeterBinder(dispatcher);
		}

	}

}
