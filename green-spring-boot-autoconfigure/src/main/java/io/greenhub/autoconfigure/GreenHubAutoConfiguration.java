package io.greenhub.autoconfigure;

import java.time.Duration;

import io.greenhub.GreenHubGroup;
import io.greenhub.HubMode;
import io.greenhub.spring.GreenHubLifecycle;
import io.greenhub.spring.context.ThreadLocalsChildContext;
import reactor.netty.ReactorNetty;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration of the {@link GreenHubGroup}, installed as the Reactor Netty
 * {@link LoopResources} of the WebFlux server and of the Reactor Netty HTTP clients, so
 * that a request's green thread runs on the hub of the event loop that accepted its
 * connection.
 *
 * <p>
 * A {@link GreenHubGroup} bean of the application's own makes the group back off; a
 * {@link ReactorResourceFactory} bean of its own keeps the server on that factory's
 * loops.
 */
@AutoConfiguration(
		beforeName = { "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration" })
@ConditionalOnClass(GreenHubGroup.class)
@EnableConfigurationProperties(GreenHubProperties.class)
@Import({ GreenHubAutoConfiguration.HubGroupConfiguration.class, GreenHubAutoConfiguration.LifecycleConfiguration.class,
		GreenHubAutoConfiguration.ReactorResourcesConfiguration.class,
		GreenHubAutoConfiguration.ChildContextConfiguration.class })
public final class GreenHubAutoConfiguration {

	private GreenHubAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class HubGroupConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		GreenHubGroup greenHubGroup(GreenHubProperties properties,
				ObjectProvider<GreenHubGroupCustomizer> customizers) {
			// the properties are validated when bound (GreenHubProperties#validate)
			GreenHubGroup.Builder builder = GreenHubGroup.builder().name(properties.getName());
			Integer hubs = properties.getHubs();
			if (hubs != null) {
				builder.hubs(hubs);
			}
			builder.shutdownGracePeriod(properties.getShutdownGracePeriod())
				.nativeTransport(properties.isNativeTransport())
				.mode(properties.getMode());
			GreenHubProperties.BlockingDetection detection = properties.getBlockingDetection();
			builder.blockingDetectionThreshold(detection.isEnabled() ? detection.getThreshold() : Duration.ZERO);
			builder.pinnedParkReports(detection.isPinnedParks());
			GreenHubProperties.WorkStealing stealing = properties.getWorkStealing();
			builder.workStealing(stealing.isEnabled()).workStealingThreshold(stealing.getThreshold());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			try {
				return builder.build();
			}
			catch (IllegalStateException ex) {
				if (properties.getMode() == HubMode.LOOP) {
					throw new InvalidConfigurationPropertyValueException("green.hub.mode", "loop", ex.getMessage());
				}
				throw ex;
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextSnapshotFactory")
	static class ChildContextConfiguration {

		/**
		 * Makes the thread-locals known to Micrometer's context propagation (MDC,
		 * security context, current observation) follow each green thread into the green
		 * threads it spawns.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "greenChildContextCustomizer")
		GreenHubGroupCustomizer greenChildContextCustomizer() {
			return (builder) -> builder.childContext(new ThreadLocalsChildContext());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class LifecycleConfiguration {

		/**
		 * With {@code server.shutdown=graceful} the server has waited for the requests in
		 * flight already, so the green threads left are killed at once; otherwise they
		 * get the hub's own grace period.
		 */
		@Bean
		GreenHubLifecycle greenHubLifecycle(GreenHubGroup hubs, GreenHubProperties properties, Environment environment,
				ConfigurableApplicationContext context) {
			boolean graceful = "graceful".equalsIgnoreCase(environment.getProperty("server.shutdown", "graceful"));
			return new GreenHubLifecycle(hubs, graceful ? Duration.ZERO : properties.getShutdownGracePeriod(), context);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactorResourceFactory.class, LoopResources.class })
	static class ReactorResourcesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactorResourceFactory reactorResourceFactory(GreenHubGroup hubs, Environment environment) {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setUseGlobalResources(false);
			factory.setLoopResources(hubs);
			// Without global resources, Spring's factory would pool at most 500
			// connections per
			// host, whatever reactor.netty.pool.maxConnections says: honour the property,
			// as
			// Reactor Netty's global resources do, and keep 500 when it is not set.
			int maxConnections = Integer.getInteger(ReactorNetty.POOL_MAX_CONNECTIONS, 500);
			factory.setConnectionProviderSupplier(() -> ConnectionProvider.create("green", maxConnections));
			Binder.get(environment)
				.bind("spring.reactor.netty.shutdown-quiet-period", Duration.class)
				.ifBound(factory::setShutdownQuietPeriod);
			return factory;
		}

	}

}
