package io.greenhub.autoconfigure.server;

import io.greenhub.spring.server.GreenHttpServerCustomizer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class GreenServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GreenServerAutoConfiguration.class));

	@Test
	void theServerCustomizerIsThereInAReactiveWebApplicationWithItsDefaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GreenHttpServerCustomizer.class);
			GreenServerProperties properties = context.getBean(GreenServerProperties.class);
			assertThat(properties.getReadTimeout()).hasSeconds(10);
			assertThat(properties.getRequestTimeout()).isZero();
			assertThat(properties.getHalfCloseGrace()).hasSeconds(1);
		});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(GreenServerAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenHttpServerCustomizer.class));
	}

	@Test
	void aNegativeTimeoutFailsAtStartNamingTheProperty() {
		this.runner.withPropertyValues("green.server.read-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.server.read-timeout must not be negative"));
		this.runner.withPropertyValues("green.server.request-timeout=-5ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.server.request-timeout must not be negative"));
		this.runner.withPropertyValues("green.server.half-close-grace=-1ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.server.half-close-grace must not be negative"));
	}

}
