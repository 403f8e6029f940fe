package io.greenhub.autoconfigure.actuate;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.actuate.GreenEndpoint;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The Actuator endpoint {@code green}, when Actuator is on the classpath and the endpoint
 * is available (enabled, and exposed over some technology: over HTTP only when included).
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(GreenHubGroup.class)
@Import(GreenEndpointAutoConfiguration.EndpointConfiguration.class)
public final class GreenEndpointAutoConfiguration {

	private GreenEndpointAutoConfiguration() {
	}

	// the availability condition sits here, so that it is read only once Actuator is
	// known present
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(GreenEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenEndpoint greenEndpoint(GreenHubGroup group, ObjectProvider<MeterRegistry> meters) {
			return new GreenEndpoint(group, meters.getIfUnique());
		}

	}

}
