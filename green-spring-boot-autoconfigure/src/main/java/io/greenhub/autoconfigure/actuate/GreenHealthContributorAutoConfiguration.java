package io.greenhub.autoconfigure.actuate;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.actuate.GreenHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The health indicator {@code green}, when Spring Boot's health support is on the
 * classpath; {@code management.health.green.enabled=false} turns it off.
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(GreenHubGroup.class)
@EnableConfigurationProperties(GreenHealthProperties.class)
@Import(GreenHealthContributorAutoConfiguration.IndicatorConfiguration.class)
public final class GreenHealthContributorAutoConfiguration {

	private GreenHealthContributorAutoConfiguration() {
	}

	// the enablement condition sits here, so that it is read only once health support is
	// known present
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("green")
	static class IndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "greenHealthIndicator")
		GreenHealthIndicator greenHealthIndicator(GreenHubGroup group, GreenHealthProperties properties) {
			return new GreenHealthIndicator(group, properties.getStallLimit());
		}

	}

}
