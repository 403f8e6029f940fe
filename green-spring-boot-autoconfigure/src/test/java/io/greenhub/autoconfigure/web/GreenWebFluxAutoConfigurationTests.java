package io.greenhub.autoconfigure.web;

import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.context.GreenContextPropagation;
import io.greenhub.spring.web.GreenHandlerAdapter;
import io.greenhub.spring.web.GreenHandlerMeterBinder;
import io.greenhub.spring.web.GreenHandlerWebFluxConfigurer;
import io.greenhub.spring.web.GreenRequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.web.reactive.config.WebFluxConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class GreenWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=1")
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class, WebFluxAutoConfiguration.class,
				GreenWebFluxAutoConfiguration.class));

	@Test
	void aReactiveWebApplicationGetsTheGreenHandlerAdapterDispatcherAndConfigurerButNoExecutorBean() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(GreenHandlerWebFluxConfigurer.class);
			assertThat(context).hasSingleBean(GreenHandlerAdapter.class);
			assertThat(context).hasSingleBean(GreenRequestDispatcher.class);
			assertThat(context).doesNotHaveBean(java.util.concurrent.Executor.class);
		});
	}

	@Test
	void nothingRunsPerRequestForOtherHandlersNorTurnsOnReactorsAutomaticContextPropagation() {
		this.runner.run((context) -> {
			assertThat(context.getBeansOfType(org.springframework.web.server.WebFilter.class)).isEmpty();
			assertThat(context).hasSingleBean(GreenContextPropagation.class);
			assertThat(reactor.core.publisher.Hooks.isAutomaticContextPropagationEnabled()).isFalse();
		});
	}

	@Test
	void springBootsApplicationTaskExecutorStays() {
		this.runner
			.withConfiguration(AutoConfigurations
				.of(org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration.class))
			.run((context) -> assertThat(context).hasBean("applicationTaskExecutor"));
	}

	@Test
	void theLimitsComeFromTheProperties() {
		this.runner.withPropertyValues("green.handler.max-in-flight=7", "green.handler.timeout=0").run((context) -> {
			GreenRequestDispatcher dispatcher = context.getBean(GreenRequestDispatcher.class);
			assertThat(dispatcher.getMaxInFlight()).isEqualTo(7);
			assertThat(dispatcher.getTimeout()).isEqualTo(java.time.Duration.ZERO);
		});
	}

	@Test
	void handlerAdmissionMetersNeedARegistryAndGoWithGreenMetricsEnabled() {
		ReactiveWebApplicationContextRunner metered = this.runner
			.withConfiguration(AutoConfigurations.of(GreenHandlerMetricsAutoConfiguration.class));
		metered.run((context) -> assertThat(context).doesNotHaveBean(GreenHandlerMeterBinder.class));
		metered
			.withBean(io.micrometer.core.instrument.MeterRegistry.class,
					io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(GreenHandlerMeterBinder.class));
		metered
			.withBean(io.micrometer.core.instrument.MeterRegistry.class,
					io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
			.withPropertyValues("green.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GreenHandlerMeterBinder.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnConfigurer() {
		this.runner.withUserConfiguration(OwnConfigurer.class)
			.run((context) -> assertThat(context.getBean(GreenHandlerWebFluxConfigurer.class))
				.isSameAs(context.getBean("mine")));
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class OwnConfigurer {

		@org.springframework.context.annotation.Bean
		GreenHandlerWebFluxConfigurer mine(io.greenhub.GreenHubGroup hubs,
				org.springframework.beans.factory.ObjectProvider<GreenHandlerAdapter> adapter) {
			return new GreenHandlerWebFluxConfigurer(new io.greenhub.spring.web.GreenHandlerExecutor(hubs), adapter);
		}

	}

	@Test
	void withoutWebFluxOrOutsideAReactiveWebApplicationNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader(WebFluxConfigurer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenHandlerWebFluxConfigurer.class));
		new ApplicationContextRunner().withPropertyValues("green.hub.hubs=1")
			.withConfiguration(
					AutoConfigurations.of(GreenHubAutoConfiguration.class, GreenWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenHandlerAdapter.class));
	}

	@Test
	void withoutContextPropagationOrSecurityOnTheClasspathHandlersStillWork() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.context", "org.springframework.security"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(GreenHandlerAdapter.class);
				assertThat(context).doesNotHaveBean(GreenContextPropagation.class);
			});
	}

	@Test
	void contextPropagationCanBeSwitchedOff() {
		this.runner.withPropertyValues("green.handler.context-propagation=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GreenContextPropagation.class));
	}

	@Test
	void badLimitsFailAtStartNamingTheProperty() {
		this.runner.withPropertyValues("green.handler.max-in-flight=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("rejected value [0]")
				.hasMessageContaining("green.handler.max-in-flight must be positive"));
		this.runner.withPropertyValues("green.handler.timeout=-5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.handler.timeout must not be negative"));
		this.runner.withPropertyValues("green.handler.retry-after=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("green.handler.retry-after must not be negative"));
	}

}
