package io.greenhub.autoconfigure.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.GreenStoreExceptionHandler;
import io.greenhub.spring.context.GreenContextPropagation;
import io.greenhub.spring.web.GreenEmitterArgumentResolver;
import io.greenhub.spring.web.GreenHandlerAdapter;
import io.greenhub.spring.web.GreenHandlerExecutor;
import io.greenhub.spring.web.GreenHandlerWebFluxConfigurer;
import io.greenhub.spring.web.GreenRequestDispatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Auto-configuration of {@link GreenHandler @GreenHandler} controllers and green
 * functional routes in a WebFlux application: the {@link GreenHandlerAdapter} that the
 * dispatcher picks for them, the {@link GreenRequestDispatcher} that starts one green
 * thread per request under the limits of {@code green.handler.*}, the blocking execution
 * that keeps green methods on it, and the resolver of the {@code GreenEmitter} parameters
 * of streaming methods.
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class,
		afterName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFluxConfigurer.class)
@ConditionalOnBean(GreenHubGroup.class)
@EnableConfigurationProperties(GreenHandlerProperties.class)
@Import({ GreenWebFluxAutoConfiguration.GreenHandlerConfiguration.class,
		GreenWebFluxAutoConfiguration.ContextPropagationConfiguration.class })
public final class GreenWebFluxAutoConfiguration {

	/** What the codecs buffer when they are not told otherwise. */
	private static final int DEFAULT_MAX_IN_MEMORY_SIZE = 256 * 1024;

	private GreenWebFluxAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class GreenHandlerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenStoreExceptionHandler greenStoreExceptionHandler() {
			return new GreenStoreExceptionHandler();
		}

		@Bean
		@ConditionalOnMissingBean
		GreenRequestDispatcher greenRequestDispatcher(GreenHubGroup hubs, GreenHandlerProperties properties) {
			return new GreenRequestDispatcher(hubs, properties.getTimeout(), properties.getMaxInFlight(),
					properties.getRetryAfter(), properties.isContextPropagation());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RequestMappingHandlerAdapter.class)
		GreenHandlerAdapter greenHandlerAdapter(GreenRequestDispatcher dispatcher,
				RequestMappingHandlerAdapter requestMappingHandlerAdapter,
				ObjectProvider<RequestMappingHandlerMapping> mappings, ObjectProvider<ServerCodecConfigurer> codecs,
				Environment environment, GreenHandlerProperties properties) {
			// with Spring Boot's virtual threads on, blocking controllers get green
			// threads (virtual
			// threads on the hubs) rather than losing their virtual threads to
			// green-hub's executor
			Predicate<HandlerMethod> alsoGreen = Threading.VIRTUAL.isActive(environment)
					? GreenHandlerAdapter::isBlocking : (method) -> false;
			return new GreenHandlerAdapter(dispatcher, requestMappingHandlerAdapter, () -> handlerMethods(mappings),
					alsoGreen, maxInMemorySize(codecs), properties.getStreamTimeout());
		}

		private static Collection<HandlerMethod> handlerMethods(ObjectProvider<RequestMappingHandlerMapping> mappings) {
			List<HandlerMethod> methods = new ArrayList<>();
			mappings.orderedStream().forEach((mapping) -> methods.addAll(mapping.getHandlerMethods().values()));
			return methods;
		}

		private static int maxInMemorySize(ObjectProvider<ServerCodecConfigurer> provider) {
			ServerCodecConfigurer codecs = provider.getIfAvailable();
			Integer configured = (codecs != null
					&& codecs.defaultCodecs() instanceof CodecConfigurer.DefaultCodecConfig config)
							? config.maxInMemorySize() : null;
			return (configured != null) ? configured : DEFAULT_MAX_IN_MEMORY_SIZE;
		}

		@Bean
		@ConditionalOnMissingBean
		GreenHandlerWebFluxConfigurer greenHandlerWebFluxConfigurer(GreenHubGroup hubs,
				ObjectProvider<GreenHandlerAdapter> adapter, ObjectProvider<ServerCodecConfigurer> codecs,
				ObjectProvider<RequestedContentTypeResolver> contentTypes) {
			return new GreenHandlerWebFluxConfigurer(new GreenHandlerExecutor(hubs), adapter,
					() -> new GreenEmitterArgumentResolver(codecs.getObject().getWriters(), contentTypes.getObject()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	@ConditionalOnProperty(prefix = "green.handler", name = "context-propagation", havingValue = "true",
			matchIfMissing = true)
	static class ContextPropagationConfiguration {

		@Bean
		GreenContextPropagation greenContextPropagation() {
			return new GreenContextPropagation();
		}

	}

}
