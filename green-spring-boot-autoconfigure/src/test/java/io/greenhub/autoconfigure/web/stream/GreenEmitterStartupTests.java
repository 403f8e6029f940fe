package io.greenhub.autoconfigure.web.stream;

import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.autoconfigure.web.GreenWebFluxAutoConfiguration;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.web.GreenEmitter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A streaming method declared wrongly fails the application's start, naming the method; a
 * bad {@code green.handler.stream-timeout} names the property.
 */
class GreenEmitterStartupTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=1")
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class, WebFluxAutoConfiguration.class,
				GreenWebFluxAutoConfiguration.class));

	@Test
	void aGreenStreamingMethodStarts() {
		this.runner.withUserConfiguration(Streaming.class).run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void anEmitterOnAMethodThatIsNotGreenFailsTheStart() {
		this.runner.withUserConfiguration(NotGreen.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("NotGreen#events")
				.hasMessageContaining("takes a GreenEmitter but is not green"));
	}

	@Test
	void anEmitterOnAMethodThatReturnsAValueFailsTheStart() {
		this.runner.withUserConfiguration(ReturnsValue.class)
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("ReturnsValue#events")
				.hasMessageContaining("returns String"));
	}

	@Test
	void aNegativeStreamTimeoutFailsTheStartNamingTheProperty() {
		this.runner.withPropertyValues("green.handler.stream-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.handler.stream-timeout must not be negative"));
	}

	@RestController
	@GreenHandler
	static class Streaming {

		@GetMapping("/events")
		void events(GreenEmitter<String> events) {
		}

	}

	@RestController
	static class NotGreen {

		@GetMapping("/events")
		void events(GreenEmitter<String> events) {
		}

	}

	@RestController
	@GreenHandler
	static class ReturnsValue {

		@GetMapping("/events")
		String events(GreenEmitter<String> events) {
			return "no";
		}

	}

}
