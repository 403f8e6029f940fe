package io.greenhub.docs.concepts;

import java.util.Map;
import java.util.UUID;

import io.greenhub.spring.GreenContextKeys;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

@Component
class RequestIdFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = exchange.getRequest().getHeaders().getFirst("X-Request-Id");
		String id = (requestId != null) ? requestId : UUID.randomUUID().toString();
		return chain.filter(exchange).contextWrite(Context.of(GreenContextKeys.MDC, Map.of("requestId", id)));
	}

}
