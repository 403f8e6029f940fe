package io.greenhub.autoconfigure.web;

import io.greenhub.Green;
import io.greenhub.spring.GreenHandlerFunctions;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The application of the green handler tests: the green controller, a reactive one, and a green
 * functional route.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ GreenController.class, GreenHandlerApplication.ReactiveController.class })
class GreenHandlerApplication {

	@Bean
	RouterFunction<ServerResponse> greenRoutes() {
		return RouterFunctions.route()
			.GET("/functional", GreenHandlerFunctions.green((request) -> {
				Green.sleep(java.time.Duration.ofMillis(1));
				return ServerResponse.ok().bodyValue("functional green " + Green.isGreen());
			}))
			.build();
	}

	@RestController
	static class ReactiveController {

		@GetMapping("/reactive")
		Mono<String> reactive() {
			return Mono.fromSupplier(() -> "reactive green " + Green.isGreen());
		}

	}

}
