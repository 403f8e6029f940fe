package io.greenhub.autoconfigure.web;

import io.greenhub.GreenHubGroup;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Makes WebFlux run {@code @GreenHandler} methods on green threads. Owns the executor that spawns
 * them, which is deliberately not a bean: an {@code Executor} bean would make Spring Boot back off
 * from its own application task executor.
 */
final class GreenHandlerWebFluxConfigurer implements WebFluxConfigurer, DisposableBean, Ordered {

	private final GreenHandlerExecutor executor;

	private final boolean everyBlockingMethod;

	/**
	 * Creates the configurer.
	 * @param hubs the hub group green handlers run on when not spawned from a hub
	 * @param everyBlockingMethod whether every controller method that does not return a reactive
	 * type runs on a green thread too, as it does on a virtual thread when Spring Boot's virtual
	 * threads are on; otherwise only {@code @GreenHandler} methods do
	 */
	GreenHandlerWebFluxConfigurer(GreenHubGroup hubs, boolean everyBlockingMethod) {
		this.executor = new GreenHandlerExecutor(hubs);
		this.everyBlockingMethod = everyBlockingMethod;
	}

	/**
	 * Last, so that Spring Boot's own blocking execution (virtual threads) does not replace it.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
		configurer.setExecutor(this.executor);
		configurer.setControllerMethodPredicate((method) -> GreenWebFluxAutoConfiguration.isGreenHandler(method)
				|| (this.everyBlockingMethod && isBlocking(method)));
	}

	private static boolean isBlocking(HandlerMethod method) {
		Class<?> returned = method.getReturnType().getParameterType();
		return ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned) == null;
	}

	GreenHandlerExecutor executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
