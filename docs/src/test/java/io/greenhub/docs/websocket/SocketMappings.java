package io.greenhub.docs.websocket;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * Green and reactive WebSocket handlers, mapped the same way: a {@code SimpleUrlHandlerMapping}
 * from path to handler, ordered before the annotated controllers.
 */
@Configuration(proxyBeanMethods = false)
class SocketMappings {

	@Bean
	SimpleUrlHandlerMapping socketMapping(EchoSocket echo, TickerSocket ticker, GuardedSocket guarded,
			ReactiveEchoSocket reactiveEcho, ReactiveTickerSocket reactiveTicker) {
		Map<String, Object> handlers = Map.of("/echo", echo, "/ticker", ticker, "/guarded", guarded,
				"/reactive/echo", reactiveEcho, "/reactive/ticker", reactiveTicker);
		return new SimpleUrlHandlerMapping(handlers, -1);
	}

}
