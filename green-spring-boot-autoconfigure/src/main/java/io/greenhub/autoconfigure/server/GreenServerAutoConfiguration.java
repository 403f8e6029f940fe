package io.greenhub.autoconfigure.server;

import io.greenhub.spring.server.GreenHttpServerCustomizer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the Reactor Netty HTTP server's defences for green handlers:
 * bounds on slow request bodies ({@code green.server.*}), a check of the HTTP version,
 * and answers to half-closing clients. A {@link GreenHttpServerCustomizer} bean of the
 * application's own replaces the one configured here.
 */
@AutoConfiguration
@ConditionalOnClass({ HttpServer.class, NettyServerCustomizer.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(GreenServerProperties.class)
@Import(GreenServerAutoConfiguration.CustomizerConfiguration.class)
public final class GreenServerAutoConfiguration {

	private GreenServerAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenHttpServerCustomizer greenHttpServerCustomizer(GreenServerProperties properties) {
			return new GreenHttpServerCustomizer(properties.getReadTimeout(), properties.getRequestTimeout(),
					properties.getHalfCloseGrace());
		}

	}

}
