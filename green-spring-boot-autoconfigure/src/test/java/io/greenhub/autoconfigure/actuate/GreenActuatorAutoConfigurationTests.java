package io.greenhub.autoconfigure.actuate;

import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.actuate.GreenEndpoint;
import io.greenhub.spring.actuate.GreenHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class GreenActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=1")
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class, GreenEndpointAutoConfiguration.class,
				GreenHealthContributorAutoConfiguration.class));

	@Test
	void theHealthIndicatorIsThereByDefaultAndTheEndpointOnlyWhenExposed() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("greenHealthIndicator");
			assertThat(context).doesNotHaveBean(GreenEndpoint.class);
		});
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=green")
			.run((context) -> assertThat(context).hasSingleBean(GreenEndpoint.class));
	}

	@Test
	void theHealthIndicatorCanBeTurnedOffAndBacksOffForTheApplicationsOwn() {
		this.runner.withPropertyValues("management.health.green.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("greenHealthIndicator"));
		this.runner.withBean("greenHealthIndicator", HealthIndicator.class, () -> () -> null)
			.run((context) -> assertThat(context).getBean("greenHealthIndicator")
				.isNotInstanceOf(GreenHealthIndicator.class));
	}

	@Test
	void aStallLimitThatIsNotPositiveFailsAtStartWithThePropertysName() {
		this.runner.withPropertyValues("green.health.stall-limit=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("green.health.stall-limit")
				.hasMessageContaining("must be positive"));
	}

	@Test
	void withoutActuatorOnTheClasspathNeitherIsThere() {
		this.runner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean("greenHealthIndicator");
				assertThat(context).doesNotHaveBean(GreenEndpoint.class);
			});
	}

}
