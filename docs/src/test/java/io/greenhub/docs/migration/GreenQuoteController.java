package io.greenhub.docs.migration;

import io.greenhub.spring.GreenHandler;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

@RestController
@GreenHandler
class GreenQuoteController {

	private final RestClient prices;

	GreenQuoteController(ReactorResourceFactory hubs, @Value("${quotes.prices-url}") String pricesUrl) {
		this.prices = RestClient.builder()
			.baseUrl(pricesUrl)
			.requestFactory(new ReactorClientHttpRequestFactory(hubs, (client) -> client))
			.build();
	}

	@GetMapping("/quotes/{symbol}")
	Quote quote(@PathVariable String symbol) {
		Price price = this.prices.get().uri("/prices/{symbol}", symbol).retrieve().body(Price.class);
		return Quote.of(price);
	}

}
