package io.greenhub.benchmarks.load;

import java.time.Duration;

/**
 * The scenarios S1 to S6, run against one peer after a warm-up. Closed-model figures come from
 * {@link Wrk}, latencies from {@link OpenLoad}, CPU and context switches from {@link ProcStats}.
 */
final class Scenarios {

	/** How long a request may take before it counts as an error. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Connections of S1's latency run and of S6. */
	private static final int FEW_CONNECTIONS = 64;

	/** S2: each connection sends a request every 1.1 s on average, so that 1,000 connections send 909 requests/s. */
	private static final double S2_SECONDS_PER_REQUEST = 1.1;

	/** S6: the rate of light requests, alone and among the noisy ones. */
	private static final double S6_LIGHT_RATE = 950;

	private final Settings settings;

	private final Results results;

	private final Downstream downstream;

	private final ClosedLoad closedLoad;

	/** Asks the downstream server how many delays it has pending. */
	interface Downstream {

		int inFlight();

	}

	/** A closed-model load generator: {@link Wrk#run} in the harness. */
	interface ClosedLoad {

		Wrk.Result run(String url, int connections, Duration duration);

	}

	Scenarios(Settings settings, Results results, Downstream downstream, ClosedLoad closedLoad) {
		this.settings = settings;
		this.results = results;
		this.downstream = downstream;
		this.closedLoad = closedLoad;
	}

	/**
	 * Warms the peer up and runs every scenario once.
	 * @param peer the running peer
	 * @param b1Throughput B1's S1 throughput in this round, or 0 if not known (then the peer's own is used)
	 * @return the peer's S1 throughput
	 */
	double run(ServerProcess peer, double b1Throughput) {
		String name = peer.name();
		String url = peer.baseUrl();
		this.closedLoad.run(url + "/hello", FEW_CONNECTIONS, this.settings.warmUp());
		this.closedLoad.run(url + "/call?ms=1", FEW_CONNECTIONS, this.settings.warmUp());
		this.closedLoad.run(url + "/fanout?ms=1", FEW_CONNECTIONS, this.settings.warmUp());

		double s1 = this.closedLoad.run(url + "/hello", FEW_CONNECTIONS, this.settings.measure()).throughput();
		this.results.add(Metric.S1_THROUGHPUT, name, s1);
		double rate = 0.7 * ((b1Throughput > 0) ? b1Throughput : s1);
		try (OpenLoad load = new OpenLoad(url, FEW_CONNECTIONS, "/call?ms=50", TIMEOUT)) {
			OpenLoad.Result result = load.run(always("/hello"), rate, this.settings.measure());
			this.results.add(Metric.S1_P50, name, result.percentileMillis(50));
			this.results.add(Metric.S1_P99, name, result.percentileMillis(99));
		}

		for (int connections : this.settings.s2Connections()) {
			s2(peer, connections);
		}

		this.results.add(Metric.S3_THROUGHPUT, name, this.closedLoad.run(url + "/fanout?ms=50", 500, this.settings.measure()).throughput());

		ProcStats before = ProcStats.of(peer.pid());
		Wrk.Result s4 = this.closedLoad.run(url + "/call?ms=1", 200, this.settings.measure());
		ProcStats used = ProcStats.of(peer.pid()).minus(before);
		this.results.add(Metric.S4_THROUGHPUT, name, s4.throughput());
		this.results.add(Metric.S4_CPU, name, used.cpuMillis() * 1000.0 / Math.max(1, s4.requests()));
		this.results.add(Metric.S4_SWITCHES, name, (double) used.contextSwitches() / Math.max(1, s4.requests()));

		try (OpenLoad load = new OpenLoad(url, FEW_CONNECTIONS, "/call?ms=50", TIMEOUT)) {
			OpenLoad.Result quiet = load.run(always("/work?burnMs=0"), S6_LIGHT_RATE, this.settings.measure());
			OpenLoad.Result noisy = load.run(new OpenLoad.Plan() {

				@Override
				public String path(long i) {
					return (i % 20 == 0) ? "/work?burnMs=5" : "/work?burnMs=0";
				}

				@Override
				public boolean measured(long i) {
					return i % 20 != 0;
				}

			}, S6_LIGHT_RATE * 20 / 19, this.settings.measure());
			this.results.add(Metric.S6_P99_QUIET, name, quiet.percentileMillis(99));
			this.results.add(Metric.S6_P99_NOISY, name, noisy.percentileMillis(99));
		}

		density(peer);
		return s1;
	}

	private void s2(ServerProcess peer, int connections) {
		Metric[] metrics = Metric.s2(connections);
		try (OpenLoad load = new OpenLoad(peer.baseUrl(), connections, "/call?ms=100", TIMEOUT)) {
			ProcStats before = ProcStats.of(peer.pid());
			OpenLoad.Result result = load.run(always("/call?ms=100"), connections / S2_SECONDS_PER_REQUEST,
					this.settings.s2Measure());
			ProcStats used = ProcStats.of(peer.pid()).minus(before);
			double requests = Math.max(1, result.ok());
			String name = peer.name();
			this.results.add(metrics[0], name, result.errors());
			this.results.add(metrics[1], name, result.percentileMillis(50));
			this.results.add(metrics[2], name, result.percentileMillis(99));
			this.results.add(metrics[3], name, result.percentileMillis(99.9));
			this.results.add(metrics[4], name, used.cpuMillis() * 1000.0 / requests);
			this.results.add(metrics[5], name, used.contextSwitches() / requests);
		}
	}

	/**
	 * S5: parks requests on a 30 s downstream call and divides the heap they take (after a full GC,
	 * from {@code jcmd GC.heap_info}) by their number.
	 */
	private void density(ServerProcess peer) {
		int count = this.settings.densityRequests();
		long base = Jcmd.heapUsedAfterGc(peer.pid());
		int pendingBefore = this.downstream.inFlight();
		try (OpenLoad load = new OpenLoad(peer.baseUrl(), count, "/call?ms=200", TIMEOUT)) {
			load.fire("/call?ms=30000", count);
			long deadline = System.nanoTime() + TIMEOUT.toNanos() * 2;
			while (this.downstream.inFlight() < pendingBefore + count && System.nanoTime() < deadline) {
				Jcmd.pause(Duration.ofMillis(100));
			}
			int parked = this.downstream.inFlight() - pendingBefore;
			if (parked < count / 2) {
				this.results.note(peer.name() + ": S5 parked only " + parked + " of " + count + " requests; no density figure");
				return;
			}
			long loaded = Jcmd.heapUsedAfterGc(peer.pid());
			double bytesPerRequest = (double) (loaded - base) / Math.max(1, parked);
			this.results.add(Metric.S5_BYTES, peer.name(), bytesPerRequest / 1024);
			this.results.add(Metric.S5_PER_GIB, peer.name(), (1L << 30) / Math.max(1, bytesPerRequest));
			if (parked < count) {
				this.results.note(peer.name() + ": S5 parked " + parked + " of " + count + " requests");
			}
		}
	}

	private static OpenLoad.Plan always(String path) {
		return new OpenLoad.Plan() {

			@Override
			public String path(long i) {
				return path;
			}

			@Override
			public boolean measured(long i) {
				return true;
			}

		};
	}

}
