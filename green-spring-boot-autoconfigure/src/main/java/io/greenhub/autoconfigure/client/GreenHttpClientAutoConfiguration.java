package io.greenhub.autoconfigure.client;

import io.greenhub.autoconfigure.GreenHubAutoConfiguration;
import io.greenhub.spring.client.CloseBodyOnKillInterceptor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of Spring Boot's {@code RestClient.Builder} for green threads: a
 * response's body is closed when the green thread reading it is killed
 * ({@link CloseBodyOnKillInterceptor}).
 */
@AutoConfiguration(after = GreenHubAutoConfiguration.class)
@ConditionalOnClass(RestClientCustomizer.class)
@Import(GreenHttpClientAutoConfiguration.RestClientConfiguration.class)
public final class GreenHttpClientAutoConfiguration {

	private GreenHttpClientAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class RestClientConfiguration {

		@Bean
		RestClientCustomizer greenCloseBodyOnKillRestClientCustomizer() {
			return (builder) -> builder.requestInterceptor(new CloseBodyOnKillInterceptor());
		}

	}

}
