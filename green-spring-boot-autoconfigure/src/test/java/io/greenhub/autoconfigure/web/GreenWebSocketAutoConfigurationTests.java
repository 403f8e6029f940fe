package io.greenhub.autoconfigure.web;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.web.GreenRequestDispatcher;
import io.greenhub.spring.web.socket.GreenWebSocketHandlerAdapter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

class GreenWebSocketAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withPropertyValues("green.hub.hubs=1")
		.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class, WebFluxAutoConfiguration.class,
				GreenWebFluxAutoConfiguration.class, GreenWebSocketAutoConfiguration.class));

	@Test
	void aReactiveWebApplicationGetsTheAdapterWithWebFluxsOwnWebSocketServiceAndItsMeters() {
		this.runner.run((context) -> {
			GreenWebSocketHandlerAdapter adapter = context.getBean(GreenWebSocketHandlerAdapter.class);
			assertThat(adapter.getWebSocketService())
				.isSameAs(context.getBean(WebSocketHandlerAdapter.class).getWebSocketService());
			assertThat(adapter.getMaxSessions()).isEqualTo(10_000);
			assertThat(adapter.getCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context).hasSingleBean(GreenWebSocketMeterBinder.class);
		});
	}

	@Test
	void theLimitsComeFromTheProperties() {
		this.runner.withPropertyValues("green.websocket.max-sessions=3", "green.websocket.close-timeout=250ms")
			.run((context) -> {
				GreenWebSocketHandlerAdapter adapter = context.getBean(GreenWebSocketHandlerAdapter.class);
				assertThat(adapter.getMaxSessions()).isEqualTo(3);
				assertThat(adapter.getCloseTimeout()).isEqualTo(Duration.ofMillis(250));
			});
	}

	@Test
	void badLimitsFailAtStartNamingTheProperty() {
		this.runner.withPropertyValues("green.websocket.max-sessions=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("rejected value [0]")
				.hasMessageContaining("green.websocket.max-sessions must be positive"));
		this.runner.withPropertyValues("green.websocket.close-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("rejected value [PT0S]")
				.hasMessageContaining("green.websocket.close-timeout must be positive"));
	}

	@Test
	void theMetersGoWithGreenMetricsEnabled() {
		this.runner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("green.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(GreenWebSocketHandlerAdapter.class);
				assertThat(context).doesNotHaveBean(GreenWebSocketMeterBinder.class);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnAdapter() {
		this.runner.withUserConfiguration(OwnAdapter.class)
			.run((context) -> assertThat(context.getBean(GreenWebSocketHandlerAdapter.class))
				.isSameAs(context.getBean("mine")));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnAdapter {

		@Bean
		GreenWebSocketHandlerAdapter mine(GreenHubGroup hubs, GreenRequestDispatcher dispatcher) {
			return new GreenWebSocketHandlerAdapter(new HandshakeWebSocketService(), dispatcher, hubs, 5,
					Duration.ofSeconds(1), Duration.ofSeconds(1));
		}

	}

	@Test
	void withoutReactorNettyOrOutsideAReactiveWebApplicationNothingIsConfigured() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.netty.http.server"))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenWebSocketHandlerAdapter.class));
		new ApplicationContextRunner().withPropertyValues("green.hub.hubs=1")
			.withConfiguration(AutoConfigurations.of(GreenHubAutoConfiguration.class,
					GreenWebFluxAutoConfiguration.class, GreenWebSocketAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GreenWebSocketHandlerAdapter.class));
	}

}
