package io.greenhub.docs.primitives;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.greenhub.Green;
import io.greenhub.GreenScope;
import io.greenhub.GreenThread;
import io.greenhub.primitives.GreenPile;

/**
 * The samples of "Scopes" in {@code docs/primitives.md}: a fan-out in a scope, the children of a
 * handler without one, and a detached background thread.
 */
final class ScopeSamples {

	private ScopeSamples() {
	}

	/** A fan-out in a fail-fast scope: both prices, or the first failure and no thread left. */
	static String offer(String item) {
		try (GreenScope scope = GreenScope.open()) {
			GreenThread<Integer> price = scope.fork(() -> price(item));
			GreenThread<Integer> stock = scope.fork(() -> stock(item));
			scope.join();
			return item + ": " + price.join() + " EUR, " + stock.join() + " in stock";
		}
	}

	/** A handler's fan-out without a scope: the pile's threads are the handler's children. */
	static int quotes(String item) {
		GreenPile<Integer> quotes = new GreenPile<>();
		for (String vendor : new String[] { "north", "south", "east" }) {
			quotes.spawn(() -> quote(vendor, item));
		}
		int best = Integer.MAX_VALUE;
		for (int quote : quotes) {
			best = Math.min(best, quote);
		}
		return best;
	}

	/** A background thread that outlives the handler that started it. */
	static GreenThread<String> audit(String event, CompletableFuture<String> disk) {
		return Green.spawnDetached(() -> Green.blockOn(disk) + " " + event);
	}

	private static int price(String item) {
		Green.sleep(Duration.ofMillis(5));
		return item.length() * 10;
	}

	private static int stock(String item) {
		Green.sleep(Duration.ofMillis(5));
		return 3;
	}

	private static int quote(String vendor, String item) {
		Green.sleep(Duration.ofMillis(vendor.length()));
		return vendor.length() + item.length();
	}

}
