package io.greenhub.reliability;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Latencies of one kind of answer, recorded by client threads and summarised by the test.
 */
final class Latencies {

	// Added to by the client's event loops, read by the test once they are done.
	private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

	void add(long nanos) {
		this.nanos.add(nanos);
	}

	int count() {
		return this.nanos.size();
	}

	@Override
	public String toString() {
		long[] sorted = this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		if (sorted.length == 0) {
			return "none";
		}
		return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms", at(sorted, 0.50), at(sorted, 0.99),
				sorted[sorted.length - 1] / 1e6);
	}

	private static double at(long[] sorted, double quantile) {
		return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
	}

	static String of(long... nanos) {
		Latencies latencies = new Latencies();
		Arrays.stream(nanos).forEach(latencies::add);
		return latencies.toString();
	}

}
