package io.greenhub.docs.migration;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the migration guide's quote service in its green and its reactive style, each in an
 * application of its own on a random port, against a real downstream server.
 */
class QuoteServiceTests {

	private static final DisposableServer prices = PriceServer.start();

	@DynamicPropertySource
	static void pricesUrl(DynamicPropertyRegistry registry) {
		registry.add("quotes.prices-url", () -> "http://127.0.0.1:" + prices.port());
	}

	@AfterAll
	static void stopPrices() {
		prices.disposeNow(Duration.ofSeconds(10));
	}

	static void quotesFiftySymbolsAtOnce(WebTestClient client) {
		List<Quote> quotes = Flux.range(0, 50)
			.flatMap((i) -> client.get().uri("/quotes/S" + i).exchange().returnResult(Quote.class).getResponseBody())
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(quotes).hasSize(50)
			.allMatch((quote) -> quote.symbol().startsWith("S") && quote.bid() == 99.75 && quote.ask() == 100.25);
	}

	@Nested
	@SpringBootTest(classes = { MigrationApplication.class, GreenQuoteController.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
	@AutoConfigureWebTestClient
	class Green {

		@Autowired
		private WebTestClient client;

		@Test
		void aGreenHandlerWithRestClientQuotesFromTheDownstream() {
			quotesFiftySymbolsAtOnce(this.client);
		}

	}

	@Nested
	@SpringBootTest(classes = { MigrationApplication.class, ReactiveQuoteController.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = "green.hub.hubs=2")
	@AutoConfigureWebTestClient
	class Reactive {

		@Autowired
		private WebTestClient client;

		@Test
		void aReactiveHandlerWithWebClientQuotesFromTheDownstream() {
			quotesFiftySymbolsAtOnce(this.client);
		}

	}

}
