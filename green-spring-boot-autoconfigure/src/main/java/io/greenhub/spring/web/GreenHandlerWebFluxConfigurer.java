package io.greenhub.spring.web;

import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Points WebFlux's blocking execution of green controller methods at the
 * {@link GreenHandlerExecutor}, which keeps them on their request's green thread, so that
 * neither WebFlux nor Spring Boot's virtual threads move them off it, and registers the
 * resolver of {@code GreenEmitter} parameters. The executor is deliberately not a bean:
 * an {@code Executor} bean would make Spring Boot back off from its own application task
 * executor. The auto-configuration declares one unless the application declares a
 * {@code GreenHandlerWebFluxConfigurer} of its own. Called by WebFlux on the thread that
 * configures it.
 */
public final class GreenHandlerWebFluxConfigurer implements WebFluxConfigurer, Ordered {

	private final GreenHandlerExecutor executor;

	private final GreenMethods greenMethods;

	private final @Nullable Supplier<GreenEmitterArgumentResolver> emitters;

	/**
	 * Creates the configurer.
	 * @param executor the executor of green methods
	 * @param adapter the green handler adapter, which knows the green methods; looked up
	 * on first use, since the adapter needs the {@code RequestMappingHandlerAdapter} that
	 * this configures
	 */
	public GreenHandlerWebFluxConfigurer(GreenHandlerExecutor executor, ObjectProvider<GreenHandlerAdapter> adapter) {
		this(executor, adapter, null);
	}

	/**
	 * Creates the configurer.
	 * @param executor the executor of green methods
	 * @param adapter the green handler adapter, which knows the green methods; looked up
	 * on first use, since the adapter needs the {@code RequestMappingHandlerAdapter} that
	 * this configures
	 * @param emitters makes the resolver of {@code GreenEmitter} parameters, when WebFlux
	 * configures its argument resolvers (its codecs exist by then); {@code null} for none
	 */
	public GreenHandlerWebFluxConfigurer(GreenHandlerExecutor executor, ObjectProvider<GreenHandlerAdapter> adapter,
			@Nullable Supplier<GreenEmitterArgumentResolver> emitters) {
		this.executor = executor;
		this.greenMethods = new GreenMethods(adapter);
		this.emitters = emitters;
	}

	/**
	 * Last, so that Spring Boot's own blocking execution (virtual threads) does not
	 * replace it.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		if (this.emitters != null) {
			configurer.addCustomResolver(this.emitters.get());
		}
	}

	@Override
	public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
		configurer.setExecutor(this.executor);
		configurer.setControllerMethodPredicate(this.greenMethods);
	}

	/**
	 * Asked by WebFlux on a green request's green thread; the adapter is resolved once.
	 */
	private static final class GreenMethods implements Predicate<HandlerMethod> {

		private final ObjectProvider<GreenHandlerAdapter> provider;

		// Resolved by the first thread that asks; any thread may race to the same bean.
		private volatile @Nullable GreenHandlerAdapter adapter;

		GreenMethods(ObjectProvider<GreenHandlerAdapter> provider) {
			this.provider = provider;
		}

		@Override
		public boolean test(HandlerMethod method) {
			GreenHandlerAdapter resolved = this.adapter;
			if (resolved == null) {
				resolved = this.provider.getIfAvailable();
				if (resolved == null) {
					return false;
				}
				this.adapter = resolved;
			}
			return resolved.isGreen(method);
		}

	}

}
