package io.greenhub.benchmarks.load;

/**
 * One figure the harness measures for every peer.
 *
 * @param scenario the scenario, such as {@code S2 (5,000 connections)}
 * @param name what is measured
 * @param unit its unit
 * @param format how to print it ({@link String#format})
 */
record Metric(String scenario, String name, String unit, String format) {

	static final Metric S1_THROUGHPUT = new Metric("S1 hello", "throughput, closed model", "req/s", "%,.0f");

	static final Metric S1_P50 = new Metric("S1 hello", "p50 at 70% of B1's throughput", "ms", "%.2f");

	static final Metric S1_P99 = new Metric("S1 hello", "p99 at 70% of B1's throughput", "ms", "%.2f");

	static final Metric S3_THROUGHPUT = new Metric("S3 fan-out 3 x 50 ms", "throughput, closed model", "req/s",
			"%,.0f");

	static final Metric S4_THROUGHPUT = new Metric("S4 1 ms downstream", "throughput, closed model", "req/s", "%,.0f");

	static final Metric S4_CPU = new Metric("S4 1 ms downstream", "CPU per request", "µs", "%.0f");

	static final Metric S4_SWITCHES = new Metric("S4 1 ms downstream", "context switches per request", "", "%.3f");

	static final Metric S5_BYTES = new Metric("S5 density", "heap per parked request (30 s downstream)", "KiB", "%.1f");

	static final Metric S5_PER_GIB = new Metric("S5 density", "parked requests per GiB of heap", "", "%,.0f");

	/** The plain-Java density check's peer name. */
	static final String PLAIN_JAVA = "plain Java";

	static final Metric S5_MILLION_COUNT = new Metric("S5 density", "green threads parked, no HTTP", "", "%,.0f");

	static final Metric S5_MILLION = new Metric("S5 density", "heap after GC, parked green threads, no HTTP", "MiB",
			"%,.0f");

	static final Metric S5_MILLION_PER_THREAD = new Metric("S5 density", "heap per parked green thread, no HTTP",
			"bytes", "%,.0f");

	static final Metric S6_P99_QUIET = new Metric("S6 noisy neighbour", "p99 of light requests, alone", "ms", "%.2f");

	static final Metric S6_P99_NOISY = new Metric("S6 noisy neighbour", "p99 of light requests, 5% burn 5 ms", "ms",
			"%.2f");

	/**
	 * The metrics of S2 at a number of connections.
	 * @param connections the connections
	 * @return errors, p50, p99, p99.9, CPU and context switches per request
	 */
	static Metric[] s2(int connections) {
		String scenario = String.format("S2 100 ms downstream, %,d connections", connections);
		return new Metric[] { new Metric(scenario, "errors", "", "%.0f"), new Metric(scenario, "p50", "ms", "%.1f"),
				new Metric(scenario, "p99", "ms", "%.1f"), new Metric(scenario, "p99.9", "ms", "%.1f"),
				new Metric(scenario, "CPU per request", "µs", "%.0f"),
				new Metric(scenario, "context switches per request", "", "%.3f") };
	}

	String label() {
		return this.unit.isEmpty() ? this.name : this.name + " (" + this.unit + ")";
	}

	String format(double value) {
		return String.format(this.format, value);
	}

}
