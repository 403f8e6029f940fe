package io.greenhub.docs.migration;

/**
 * What the quote service answers: the downstream price with a spread added.
 * @param symbol the instrument
 * @param bid the price less half the spread
 * @param ask the price plus half the spread
 */
record Quote(String symbol, double bid, double ask) {

	static Quote of(Price price) {
		return new Quote(price.symbol(), price.amount() - 0.25, price.amount() + 0.25);
	}

}
