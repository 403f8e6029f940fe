package io.greenhub.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.greenhub.Green;
import io.greenhub.GreenHub;
import io.greenhub.GreenHubGroup;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes that show where code runs: synchronous code on green threads next to a reactive route.
 */
@Configuration(proxyBeanMethods = false)
class HubRoutes {

	/** The longest pause {@code /hello} accepts. */
	private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

	@Bean
	RouterFunction<ServerResponse> hubRouter(GreenHubGroup hubs) {
		return RouterFunctions.route()
			.GET("/hello", this::hello)
			.GET("/hubs", (request) -> ServerResponse.ok().bodyValue(describe(hubs)))
			.GET("/reactive", (request) -> ServerResponse.ok().body(Mono.just("Hello from a reactive handler"), String.class))
			.build();
	}

	/**
	 * Plain synchronous code on a green thread: the pause parks the green thread only, and the
	 * event loop serves other requests meanwhile.
	 */
	private Mono<ServerResponse> hello(ServerRequest request) {
		String name = request.queryParam("name").orElse("world");
		Duration pause = request.queryParam("pauseMs").map(HubRoutes::pause).orElse(Duration.ZERO);
		return ServerResponse.ok().body(Green.deferToGreenThread(() -> {
			Green.sleep(pause);
			GreenHub hub = Green.currentHub();
			return "Hello, " + name + ", from " + Green.currentThread().name() + " on hub " + hub.name() + " ("
					+ hub.mode().name().toLowerCase() + " mode)";
		}), String.class);
	}

	private static Duration pause(String millis) {
		Duration pause;
		try {
			pause = Duration.ofMillis(Long.parseLong(millis));
		}
		catch (NumberFormatException ex) {
			throw new org.springframework.web.server.ServerWebInputException("pauseMs must be a whole number, was: " + millis);
		}
		if (pause.isNegative() || pause.compareTo(MAX_PAUSE) > 0) {
			throw new org.springframework.web.server.ServerWebInputException(
					"pauseMs must be between 0 and " + MAX_PAUSE.toMillis() + ", was: " + millis);
		}
		return pause;
	}

	private static Map<String, Object> describe(GreenHubGroup hubs) {
		List<Map<String, Object>> each = hubs.hubs()
			.stream()
			.map((hub) -> Map.<String, Object>of("name", hub.name(), "alive", hub.alive()))
			.toList();
		return Map.of("group", hubs.name(), "mode", hubs.mode().name().toLowerCase(), "hubs", each);
	}

}
