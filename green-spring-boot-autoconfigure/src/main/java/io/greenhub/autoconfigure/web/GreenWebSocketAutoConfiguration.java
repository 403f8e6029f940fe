package io.greenhub.autoconfigure.web;

import io.greenhub.GreenHubGroup;
import io.greenhub.spring.web.GreenRequestDispatcher;
import io.greenhub.spring.web.socket.GreenWebSocketHandler;
import io.greenhub.spring.web.socket.GreenWebSocketHandlerAdapter;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;

/**
 * Auto-configuration of green WebSockets in a WebFlux application on Reactor Netty: the
 * {@link GreenWebSocketHandlerAdapter} that serves the {@link GreenWebSocketHandler}s an
 * application maps to paths, under the limits of {@code green.websocket.*}, and its
 * meters. The handshake is made by the {@code WebSocketService} of WebFlux's own
 * {@code WebSocketHandlerAdapter}, so that what configures WebFlux's WebSockets
 * configures green ones too.
 */
@AutoConfiguration(after = GreenWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebSocketService.class, HttpServer.class })
@ConditionalOnBean({ GreenHubGroup.class, GreenRequestDispatcher.class })
@EnableConfigurationProperties(GreenWebSocketProperties.class)
@Import({ GreenWebSocketAutoConfiguration.AdapterConfiguration.class,
		GreenWebSocketAutoConfiguration.MetricsConfiguration.class })
public final class GreenWebSocketAutoConfiguration {

	private GreenWebSocketAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class AdapterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenWebSocketHandlerAdapter greenWebSocketHandlerAdapter(GreenHubGroup hubs, GreenRequestDispatcher dispatcher,
				GreenWebSocketProperties properties, GreenHandlerProperties handler,
				ObjectProvider<WebSocketHandlerAdapter> webFlux) {
			WebSocketHandlerAdapter webFluxAdapter = webFlux.getIfAvailable();
			WebSocketService service = (webFluxAdapter != null) ? webFluxAdapter.getWebSocketService()
					: new HandshakeWebSocketService();
			return new GreenWebSocketHandlerAdapter(service, dispatcher, hubs, properties.getMaxSessions(),
					properties.getCloseTimeout(), handler.getRetryAfter());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnProperty(prefix = "green.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GreenWebSocketMeterBinder greenWebSocketMeterBinder(GreenWebSocketHandlerAdapter adapter) {
			return new GreenWebSocketMeterBinder(adapter);
		}

	}

}
