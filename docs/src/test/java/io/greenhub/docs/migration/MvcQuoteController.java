package io.greenhub.docs.migration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The quote service as a Spring MVC application on Tomcat with virtual threads writes it. Compiled
 * here, not run: this module has no servlet container.
 */
@RestController
class MvcQuoteController {

	private final RestClient prices;

	MvcQuoteController(RestClient.Builder builder, @Value("${quotes.prices-url}") String pricesUrl) {
		this.prices = builder.baseUrl(pricesUrl).build();
	}

	@GetMapping("/quotes/{symbol}")
	Quote quote(@PathVariable String symbol) {
		Price price = this.prices.get().uri("/prices/{symbol}", symbol).retrieve().body(Price.class);
		return Quote.of(price);
	}

}
