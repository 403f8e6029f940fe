package io.greenhub.docs.spring;

import io.greenhub.spring.client.CloseBodyOnKillInterceptor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * HTTP clients: from Spring Boot's builders (its {@code WebClient.Builder} is on the hubs, its
 * {@code RestClient.Builder} is not), and built by hand on the application's
 * {@link ReactorResourceFactory}, whose event loops are the hubs.
 */
@Configuration(proxyBeanMethods = false)
class HubClients {

	@Bean
	RestClient prices(RestClient.Builder builder, @Value("${prices.url}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	WebClient quotes(WebClient.Builder builder, @Value("${quotes.url}") String url) {
		return builder.baseUrl(url).build();
	}

	@Bean
	RestClient handMadeRestClient(ReactorResourceFactory resources, @Value("${prices.url}") String url) {
		return RestClient.builder()
			.baseUrl(url)
			.requestFactory(new ReactorClientHttpRequestFactory(resources, (client) -> client))
			.requestInterceptor(new CloseBodyOnKillInterceptor())
			.build();
	}

	@Bean
	WebClient handMadeWebClient(ReactorResourceFactory resources, @Value("${quotes.url}") String url) {
		return WebClient.builder()
			.baseUrl(url)
			.clientConnector(new ReactorClientHttpConnector(resources, (client) -> client))
			.build();
	}

}
