package io.greenhub.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code green.hub.work-stealing.*} properties: bound from any property source, and a
 * threshold too short fails at start-up naming the property.
 */
class GreenHubPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class));

	@Test
	void workStealingIsOnWithAOneMillisecondThresholdByDefault() {
		this.runner.run((context) -> {
			GreenHubProperties.WorkStealing stealing = context.getBean(GreenHubProperties.class).getWorkStealing();
			assertThat(stealing.isEnabled()).isTrue();
			assertThat(stealing.getThreshold()).isEqualTo(Duration.ofMillis(1));
		});
	}

	@Test
	void workStealingPropertiesAreBound() {
		this.runner.withPropertyValues("green.hub.work-stealing.enabled=false", "green.hub.work-stealing.threshold=2ms")
			.run((context) -> {
				GreenHubProperties.WorkStealing stealing = context.getBean(GreenHubProperties.class).getWorkStealing();
				assertThat(stealing.isEnabled()).isFalse();
				assertThat(stealing.getThreshold()).isEqualTo(Duration.ofMillis(2));
			});
	}

	@Test
	void aWorkStealingThresholdBelow100MicrosecondsFailsNamingTheProperty() {
		this.runner.withPropertyValues("green.hub.work-stealing.threshold=10us")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("green.hub.work-stealing.threshold must be at least 100us"));
	}

}
