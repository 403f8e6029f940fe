package io.greenhub.autoconfigure.web;

import io.greenhub.GreenHubGroup;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.reactive.config.BlockingExecutionConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Makes WebFlux run {@code @GreenHandler} methods on green threads. Owns the executor that spawns
 * them, which is deliberately not a bean: an {@code Executor} bean would make Spring Boot back off
 * from its own application task executor.
 */
final class GreenHandlerWebFluxConfigurer implements WebFluxConfigurer, DisposableBean {

	private final GreenHandlerExecutor executor;

	GreenHandlerWebFluxConfigurer(GreenHubGroup hubs) {
		this.executor = new GreenHandlerExecutor(hubs);
	}

	@Override
	public void configureBlockingExecution(BlockingExecutionConfigurer configurer) {
		configurer.setExecutor(this.executor);
		configurer.setControllerMethodPredicate(GreenWebFluxAutoConfiguration::isGreenHandler);
	}

	GreenHandlerExecutor executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
