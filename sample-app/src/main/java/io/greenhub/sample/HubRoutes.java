package io.greenhub.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.greenhub.Green;
import io.greenhub.GreenHubGroup;
import io.greenhub.spring.GreenHandlerFunctions;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Functional routes: the hubs, a reactive route unchanged, and a green functional route.
 */
@Configuration(proxyBeanMethods = false)
class HubRoutes {

	@Bean
	RouterFunction<ServerResponse> hubRouter(GreenHubGroup hubs) {
		return RouterFunctions.route()
			.GET("/hubs", (request) -> ServerResponse.ok().bodyValue(describe(hubs)))
			.GET("/reactive",
					(request) -> ServerResponse.ok().body(Mono.just("Hello from a reactive handler"), String.class))
			.GET("/functional", GreenHandlerFunctions.green((request) -> {
				Green.sleep(Duration.ofMillis(1));
				return ServerResponse.ok()
					.bodyValue("Hello from a green functional route on " + Green.currentHub().name());
			}))
			.build();
	}

	private static Map<String, Object> describe(GreenHubGroup hubs) {
		List<Map<String, Object>> each = hubs.hubs()
			.stream()
			.map((hub) -> Map.<String, Object>of("name", hub.name(), "alive", hub.alive()))
			.toList();
		return Map.of("group", hubs.name(), "mode", hubs.mode().name().toLowerCase(), "hubs", each);
	}

}
