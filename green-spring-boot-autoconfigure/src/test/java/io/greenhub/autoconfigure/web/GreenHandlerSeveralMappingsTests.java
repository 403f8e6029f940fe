package io.greenhub.autoconfigure.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * An application with a second {@code RequestMappingHandlerMapping}, as Spring Boot
 * Actuator adds one: green and other requests are served as before.
 */
@SpringBootTest(classes = { GreenHandlerApplication.class, GreenHandlerSeveralMappingsTests.ExtraMapping.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
@AutoConfigureWebTestClient
class GreenHandlerSeveralMappingsTests {

	@Autowired
	private WebTestClient client;

	@Test
	void greenAndReactiveRequestsAreServedWithSeveralMappings() {
		this.client.get().uri("/green/hello").exchange().expectStatus().isOk();
		this.client.get().uri("/reactive").exchange().expectBody(String.class).isEqualTo("reactive green false");
		this.client.get().uri("/functional").exchange().expectBody(String.class).isEqualTo("functional green true");
	}

	@Configuration(proxyBeanMethods = false)
	static class ExtraMapping {

		@Bean
		RequestMappingHandlerMapping extraRequestMappingHandlerMapping() {
			RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
			mapping.setOrder(Ordered.LOWEST_PRECEDENCE);
			return mapping;
		}

	}

}
