package io.greenhub.docs.migration;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

@RestController
class ReactiveQuoteController {

	private final WebClient prices;

	ReactiveQuoteController(ReactorResourceFactory hubs, @Value("${quotes.prices-url}") String pricesUrl) {
		this.prices = WebClient.builder()
			.baseUrl(pricesUrl)
			.clientConnector(new ReactorClientHttpConnector(hubs, (client) -> client))
			.build();
	}

	@GetMapping("/quotes/{symbol}")
	Mono<Quote> quote(@PathVariable String symbol) {
		return this.prices.get().uri("/prices/{symbol}", symbol).retrieve().bodyToMono(Price.class).map(Quote::of);
	}

}
