package io.greenhub.docs.concepts;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.greenhub.Green;
import io.greenhub.GreenKilledException;
import io.greenhub.GreenThread;
import io.greenhub.GreenTimeout;
import io.greenhub.GreenTimeoutException;
import io.greenhub.primitives.GreenEvent;
import io.greenhub.primitives.GreenQueue;
import reactor.core.publisher.Mono;

/**
 * The concepts guide's samples, each run by {@code GreenThreadsSamplesTests}.
 */
final class GreenThreadsSamples {

	private GreenThreadsSamples() {
	}

	static int sumOfSquares() {
		return Green.run(() -> {
			GreenThread<Integer> three = Green.spawn(() -> square(3));
			GreenThread<Integer> four = Green.spawn(() -> square(4));
			return three.join() + four.join();
		});
	}

	private static int square(int n) {
		Green.sleep(Duration.ofMillis(10)); // parks: the other green thread runs meanwhile
		return n * n;
	}

	static String killAndUnwind() {
		return Green.run(() -> {
			GreenEvent<String> unwound = new GreenEvent<>("unwound");
			GreenThread<String> worker = Green.spawn(() -> {
				try {
					Green.sleep(Duration.ofHours(1));
					return "slept an hour";
				}
				finally {
					unwound.send("finally ran");
				}
			});
			Green.sleep(Duration.ZERO); // let the worker start and park
			worker.kill();
			try {
				worker.join();
			}
			catch (GreenKilledException ex) {
				// join() of a killed thread throws GreenKilledException
			}
			return unwound.await();
		});
	}

	static Mono<String> fromLoopCode() {
		// loop code (a Netty callback, a Reactor operator) must not block: it hands the work to a green thread
		return Green.deferToGreenThread(() -> {
			Green.sleep(Duration.ofMillis(10));
			return "slept on " + Green.currentThread().name();
		});
	}

	static String firstReplyWithin(GreenQueue<String> replies, Duration limit) {
		try (GreenTimeout timeout = GreenTimeout.start(limit)) {
			return replies.take();
		}
		catch (GreenTimeoutException ex) {
			return "no reply within " + limit;
		}
	}

	static long countPrimes(int limit) {
		long count = 0;
		for (int from = 2; from < limit; from += 10_000) {
			count += countPrimes(from, Math.min(limit, from + 10_000));
			Green.sleep(Duration.ZERO); // lets the hub's other green threads and its I/O run, and a kill arrive
		}
		return count;
	}

	static long countPrimesOffTheHub(int limit, Executor cpuPool) {
		return Green.blockOn(CompletableFuture.supplyAsync(() -> countPrimes(2, limit), cpuPool));
	}

	static long countPrimes(int from, int to) {
		long count = 0;
		for (int n = from; n < to; n++) {
			if (isPrime(n)) {
				count++;
			}
		}
		return count;
	}

	private static boolean isPrime(int n) {
		for (int d = 2; (long) d * d <= n; d++) {
			if (n % d == 0) {
				return false;
			}
		}
		return true;
	}

}
