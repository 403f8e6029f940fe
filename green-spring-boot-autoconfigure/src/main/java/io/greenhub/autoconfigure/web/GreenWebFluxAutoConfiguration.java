package io.greenhub.autoconfigure.web;

import java.lang.reflect.Method;
import java.util.Map;

import io.greenhub.GreenHubGroup;
import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.GreenHandler;
import io.greenhub.spring.GreenStoreExceptionHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.thread.Threading;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.HandlerMapping;

/**
 * Auto-configuration of {@link GreenHandler @GreenHandler} controllers in a WebFlux application:
 * their methods run on green threads of the hub serving the request, under the limits of
 * {@code green.handler.*}.
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFluxConfigurer.class)
@ConditionalOnBean(GreenHubGroup.class)
@EnableConfigurationProperties(GreenHandlerProperties.class)
@Import({ GreenWebFluxAutoConfiguration.GreenHandlerConfiguration.class,
		GreenWebFluxAutoConfiguration.ContextPropagationConfiguration.class })
public final class GreenWebFluxAutoConfiguration {

	/**
	 * Which handler methods are green: written and read by the event loops, one entry per handler
	 * method; soft references, as Spring's own caches, so that no class loader is held.
	 */
	private static final Map<HandlerKey, Boolean> GREEN_HANDLERS = new ConcurrentReferenceHashMap<>();

	private static final boolean CONTEXT_PROPAGATION_PRESENT = ClassUtils
		.isPresent("io.micrometer.context.ContextRegistry", GreenWebFluxAutoConfiguration.class.getClassLoader());

	static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder",
			GreenWebFluxAutoConfiguration.class.getClassLoader());

	private GreenWebFluxAutoConfiguration() {
	}

	/**
	 * Whether a handler method runs on green threads: asked twice per request, by the
	 * {@link GreenHandlerFilter} and by the blocking-execution predicate, on the event loop; the
	 * annotation scan is done once per method and bean type.
	 */
	static boolean isGreenHandler(HandlerMethod handlerMethod) {
		return GREEN_HANDLERS.computeIfAbsent(new HandlerKey(handlerMethod.getMethod(), handlerMethod.getBeanType()),
				(key) -> AnnotatedElementUtils.hasAnnotation(key.method(), GreenHandler.class)
						|| AnnotatedElementUtils.hasAnnotation(key.beanType(), GreenHandler.class));
	}

	private record HandlerKey(Method method, Class<?> beanType) {
	}

	@Configuration(proxyBeanMethods = false)
	static class GreenHandlerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenHandlerWebFluxConfigurer greenHandlerWebFluxConfigurer(GreenHubGroup hubs, Environment environment) {
			// with Spring Boot's virtual threads on, blocking controllers get green threads (virtual
			// threads on the hubs) rather than losing their virtual threads to green-hub's executor
			return new GreenHandlerWebFluxConfigurer(hubs, Threading.VIRTUAL.isActive(environment));
		}

		@Bean
		@ConditionalOnMissingBean
		GreenStoreExceptionHandler greenStoreExceptionHandler() {
			return new GreenStoreExceptionHandler();
		}

		@Bean
		@ConditionalOnMissingBean
		GreenHandlerFilter greenHandlerFilter(GreenHandlerProperties properties, ObjectProvider<HandlerMapping> mappings) {
			if (properties.getTimeout().isNegative()) {
				throw new InvalidConfigurationPropertyValueException("green.handler.timeout", properties.getTimeout(),
						"The timeout must not be negative; zero means no limit.");
			}
			if (properties.getMaxInFlight() < 1) {
				throw new InvalidConfigurationPropertyValueException("green.handler.max-in-flight",
						properties.getMaxInFlight(), "The limit must be positive.");
			}
			if (properties.getRetryAfter().isNegative()) {
				throw new InvalidConfigurationPropertyValueException("green.handler.retry-after",
						properties.getRetryAfter(), "The retry delay must not be negative.");
			}
			boolean carrySecurityContext = properties.isContextPropagation() && SECURITY_PRESENT
					&& CONTEXT_PROPAGATION_PRESENT;
			return new GreenHandlerFilter(mappings, properties.getTimeout(), properties.getMaxInFlight(),
					properties.getRetryAfter(), carrySecurityContext);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.context.ContextRegistry")
	@ConditionalOnProperty(prefix = "green.handler", name = "context-propagation", havingValue = "true",
			matchIfMissing = true)
	static class ContextPropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenContextPropagation greenContextPropagation() {
			return new GreenContextPropagation();
		}

	}

}
