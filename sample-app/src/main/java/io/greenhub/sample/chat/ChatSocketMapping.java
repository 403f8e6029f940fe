package io.greenhub.sample.chat;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * Maps {@code /chat} to the chat's green WebSocket handler, as WebFlux maps its own
 * {@code WebSocketHandler}s: a {@code SimpleUrlHandlerMapping} ordered before the
 * annotated controllers.
 */
@Configuration(proxyBeanMethods = false)
class ChatSocketMapping {

	@Bean
	SimpleUrlHandlerMapping chatSocketHandlerMapping(ChatSocketHandler chat) {
		return new SimpleUrlHandlerMapping(Map.of("/chat", chat), -1);
	}

}
