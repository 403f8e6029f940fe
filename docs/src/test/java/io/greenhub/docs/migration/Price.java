package io.greenhub.docs.migration;

/**
 * What the downstream price service answers.
 * @param symbol the instrument
 * @param amount its price
 */
record Price(String symbol, double amount) {
}
