package io.greenhub.docs.streaming;

/**
 * A price, one line of a JSON-lines stream.
 *
 * @param symbol what is priced
 * @param cents how much
 */
record Price(String symbol, int cents) {

}
