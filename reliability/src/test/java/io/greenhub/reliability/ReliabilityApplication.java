package io.greenhub.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.greenhub.spring.GreenContextKeys;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The application under test: green controllers, green TCP servers, Spring Security with
 * HTTP Basic over many users, and a filter that puts each request's {@code X-Trace}
 * header in its MDC.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebFluxSecurity
@Import({ ReliabilityController.class, TcpHandlers.class, Probes.class })
public class ReliabilityApplication {

	/**
	 * How many users may sign in: {@code user0} to {@code user199}, password
	 * {@code pw-<name>}.
	 */
	static final int USERS = 200;

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http) {
		// stateless, as a REST API: a session would be created on Reactor's
		// bounded-elastic
		// scheduler, and the request would go on away from the event loop that accepted
		// it
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic((basic) -> {
			})
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/**")
				.hasRole("ADMIN")
				.pathMatchers("/secure/**")
				.hasRole("USER")
				.anyExchange()
				.permitAll())
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		List<UserDetails> users = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			users.add(User.withUsername("user" + i).password("{noop}pw-user" + i).roles("USER").build());
		}
		users.add(User.withUsername("admin").password("{noop}pw-admin").roles("ADMIN").build());
		return new MapReactiveUserDetailsService(users);
	}

	/**
	 * Checks passwords where the request is, instead of hopping to Reactor's
	 * bounded-elastic scheduler as Spring Security does by default: {@code {noop}}
	 * passwords cost nothing to check. They are kept as they are: the default encoder
	 * would upgrade each to BCrypt at its first sign-in and then spend milliseconds of
	 * CPU on every request.
	 */
	@Bean
	ReactiveAuthenticationManager authenticationManager(MapReactiveUserDetailsService users) {
		UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
				users);
		manager.setScheduler(Schedulers.immediate());
		manager.setPasswordEncoder(
				new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance())));
		return manager;
	}

	@Bean
	WebFilter traceFilter() {
		return new TraceFilter();
	}

	/**
	 * Puts the request's {@code X-Trace} header into its MDC, as a logging filter would.
	 * Runs on the event loop serving the request.
	 */
	static final class TraceFilter implements WebFilter, Ordered {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			String trace = exchange.getRequest().getHeaders().getFirst("X-Trace");
			if (trace == null) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange).contextWrite(Context.of(GreenContextKeys.MDC, Map.of("trace", trace)));
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
