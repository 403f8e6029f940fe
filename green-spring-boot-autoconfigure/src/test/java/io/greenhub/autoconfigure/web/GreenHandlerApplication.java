package io.greenhub.autoconfigure.web;

import java.util.Map;

import io.greenhub.Green;
import io.greenhub.spring.GreenContextKeys;
import io.greenhub.spring.GreenHandlerFunctions;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The application of the green handler tests: the green controller, a reactive one, and a
 * green functional route.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ GreenController.class, GreenHandlerApplication.ReactiveController.class })
public class GreenHandlerApplication {

	@Bean
	RouterFunction<ServerResponse> greenRoutes() {
		return RouterFunctions.route().GET("/functional", GreenHandlerFunctions.green((request) -> {
			Green.sleep(java.time.Duration.ofMillis(1));
			return ServerResponse.ok().bodyValue("functional green " + Green.isGreen());
		})).GET("/functional/wait", GreenHandlerFunctions.green((request) -> {
			GreenController.waitStarted.complete(null);
			try {
				return ServerResponse.ok()
					.bodyValue(Green.blockOn(new java.util.concurrent.CompletableFuture<String>()));
			}
			finally {
				GreenController.waitUnwound.complete(System.nanoTime());
			}
		})).build();
	}

	/**
	 * Makes observations real, as metrics or tracing would: with no handler they are
	 * no-ops.
	 */
	@Bean
	ObservationHandler<Observation.Context> everyObservation() {
		return (context) -> true;
	}

	/**
	 * Gives a request that names its user in {@code X-User} that user's authentication
	 * and an MDC entry, in the Reactor context, as a security filter and a logging filter
	 * would.
	 */
	@Bean
	WebFilter identityFilter() {
		return new IdentityFilter();
	}

	public static final class IdentityFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			String user = exchange.getRequest().getHeaders().getFirst("X-User");
			if (user == null) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange)
				.contextWrite(Context.of(GreenContextKeys.MDC, Map.of("user", user)))
				.contextWrite(ReactiveSecurityContextHolder
					.withAuthentication(new TestingAuthenticationToken(user, "secret", "ROLE_USER")));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	@RestController
	static class ReactiveController {

		@GetMapping("/reactive")
		Mono<String> reactive() {
			return Mono.fromSupplier(() -> "reactive green " + Green.isGreen());
		}

		@GetMapping("/plain-blocking")
		String plainBlocking() {
			return "virtual " + Thread.currentThread().isVirtual() + ", green " + Green.isGreen() + ", on '"
					+ Thread.currentThread().getName() + "'";
		}

	}

}
