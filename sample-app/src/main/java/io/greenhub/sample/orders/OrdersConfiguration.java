package io.greenhub.sample.orders;

import io.greenhub.spring.GreenWorkers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order pipeline's workers as a bean, so that the context starts and stops them.
 */
@Configuration(proxyBeanMethods = false)
class OrdersConfiguration {

	@Bean
	GreenWorkers orderWorkers(OrderPipeline pipeline) {
		return pipeline.workers();
	}

}
