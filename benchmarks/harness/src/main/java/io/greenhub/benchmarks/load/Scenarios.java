package io.greenhub.benchmarks.load;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The scenarios S1 to S6, run against one peer after its warm-up: the closed-model ones
 * in every round, the open-model and density ones once, after the rounds. Closed-model
 * figures come from {@link Wrk}, latencies from {@link OpenLoad}, CPU and context
 * switches from {@link ProcStats}.
 */
final class Scenarios {

	/** How long a request may take before it counts as an error. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Connections of S1's latency run and of S6. */
	private static final int FEW_CONNECTIONS = 64;

	/**
	 * S2: each connection sends a request every 1.1 s on average, so that 1,000
	 * connections send 909 requests/s.
	 */
	private static final double S2_SECONDS_PER_REQUEST = 1.1;

	/**
	 * How long an open-model run is first sent unmeasured: a path's first seconds, and
	 * those of a fresh client's connections, are JIT warm-up on both sides (measured so,
	 * they gave one peer or another a p99 of most of a second in S6).
	 */
	private static final Duration OPEN_WARM_UP = Duration.ofSeconds(3);

	/** S6: the rate of light requests, alone and among the noisy ones. */
	private static final double S6_LIGHT_RATE = 950;

	private final Settings settings;

	private final Results results;

	private final Downstream downstream;

	private final ClosedLoad closedLoad;

	/**
	 * The scenarios to run: {@code S1}, {@code S1-latency}, {@code S2} ... {@code S6}.
	 */
	private final Set<String> selected;

	Scenarios(Settings settings, Results results, Downstream downstream, ClosedLoad closedLoad, Set<String> selected) {
		this.selected = selected;
		this.settings = settings;
		this.results = results;
		this.downstream = downstream;
		this.closedLoad = closedLoad;
	}

	/**
	 * Warms a freshly started peer: S1 until it is steady or the cap is reached (its
	 * warm-up figure), then the paths of S4 and S3 for a while each.
	 * @param peer the running peer
	 * @return its warm-up
	 */
	WarmUp warmUp(ServerProcess peer) {
		String url = peer.baseUrl();
		WarmUp warmUp = WarmUp.run(this.closedLoad, url + "/hello", FEW_CONNECTIONS, this.settings,
				peer.readySeconds());
		this.results.warmUp(peer.name(), warmUp);
		if (!this.settings.otherWarmUp().isZero()) {
			this.closedLoad.run(url + "/call?ms=1", FEW_CONNECTIONS, this.settings.otherWarmUp());
			this.closedLoad.run(url + "/fanout?ms=1", FEW_CONNECTIONS, this.settings.otherWarmUp());
		}
		return warmUp;
	}

	/**
	 * One round's closed-model throughput measurements: S1, S3 and S4 (with S4's CPU and
	 * context switches), as far as they are selected.
	 * @param peer the running, warmed peer
	 * @param round the round
	 */
	void throughput(ServerProcess peer, int round) {
		String name = peer.name();
		String url = peer.baseUrl();
		if (this.selected.contains("S1")) {
			this.results.add(Metric.S1_THROUGHPUT, name, round,
					this.closedLoad.run(url + "/hello", FEW_CONNECTIONS, this.settings.measure()).throughput());
		}
		if (this.selected.contains("S3")) {
			this.results.add(Metric.S3_THROUGHPUT, name, round,
					this.closedLoad.run(url + "/fanout?ms=50", 500, this.settings.measure()).throughput());
		}
		if (this.selected.contains("S4")) {
			ProcStats before = ProcStats.of(peer.pid());
			Wrk.Result s4 = this.closedLoad.run(url + "/call?ms=1", 200, this.settings.measure());
			ProcStats used = ProcStats.of(peer.pid()).minus(before);
			this.results.add(Metric.S4_THROUGHPUT, name, round, s4.throughput());
			this.results.add(Metric.S4_CPU, name, round, used.cpuMillis() * 1000.0 / Math.max(1, s4.requests()));
			this.results.add(Metric.S4_SWITCHES, name, round,
					(double) used.contextSwitches() / Math.max(1, s4.requests()));
		}
	}

	/**
	 * Runs a scenario's load for a while without recording it: the window of a CPU
	 * profile.
	 * @param peer the running peer
	 * @param scenario {@code S1} or {@code S4}
	 * @param duration how long
	 */
	void load(ServerProcess peer, String scenario, Duration duration) {
		String path = scenario.equals("S4") ? "/call?ms=1" : "/hello";
		this.closedLoad.run(peer.baseUrl() + path, scenario.equals("S4") ? 200 : FEW_CONNECTIONS, duration);
	}

	/**
	 * The open-model and density scenarios, once per peer, after the rounds: S1's
	 * latency, S2, S6 and S5, as far as they are selected. S5 leaves requests parked:
	 * stop the peer after it.
	 * @param peer the running, warmed peer
	 * @param b1Throughput the median S1 throughput of B1, or 0 if not known (then the
	 * peer's own is used)
	 */
	void latency(ServerProcess peer, double b1Throughput) {
		String name = peer.name();
		String url = peer.baseUrl();
		int round = 1;
		if (this.selected.contains("S1-latency")) {
			double own = this.results.median(Metric.S1_THROUGHPUT, name).orElse(1000);
			double rate = 0.7 * ((b1Throughput > 0) ? b1Throughput : own);
			try (OpenLoad load = new OpenLoad(url, FEW_CONNECTIONS, "/call?ms=50", TIMEOUT)) {
				OpenLoad.Result result = warmedRun(load, always("/hello"), rate);
				this.results.add(Metric.S1_P50, name, round, result.percentileMillis(50));
				this.results.add(Metric.S1_P99, name, round, result.percentileMillis(99));
			}
		}
		if (this.selected.contains("S2")) {
			for (int connections : this.settings.s2Connections()) {
				s2(peer, connections);
			}
		}
		if (this.selected.contains("S6")) {
			s6(peer);
		}
		if (this.selected.contains("S5")) {
			density(peer);
		}
	}

	/**
	 * Sends the plan unmeasured for {@link #OPEN_WARM_UP}, then measured for the latency
	 * run's time.
	 */
	private OpenLoad.Result warmedRun(OpenLoad load, OpenLoad.Plan plan, double rate) {
		load.run(plan, rate, OPEN_WARM_UP);
		return load.run(plan, rate, this.settings.latencyMeasure());
	}

	private void s6(ServerProcess peer) {
		try (OpenLoad load = new OpenLoad(peer.baseUrl(), FEW_CONNECTIONS, "/call?ms=50", TIMEOUT)) {
			OpenLoad.Result quiet = warmedRun(load, always("/work?burnMs=0"), S6_LIGHT_RATE);
			OpenLoad.Result noisy = warmedRun(load, new OpenLoad.Plan() {

				@Override
				public String path(long i) {
					return (i % 20 == 0) ? "/work?burnMs=5" : "/work?burnMs=0";
				}

				@Override
				public boolean measured(long i) {
					return i % 20 != 0;
				}

			}, S6_LIGHT_RATE * 20 / 19);
			this.results.add(Metric.S6_P99_QUIET, peer.name(), 1, quiet.percentileMillis(99));
			this.results.add(Metric.S6_P99_NOISY, peer.name(), 1, noisy.percentileMillis(99));
		}
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
			this.results.add(metrics[0], name, 1, result.errors());
			this.results.add(metrics[1], name, 1, result.percentileMillis(50));
			this.results.add(metrics[2], name, 1, result.percentileMillis(99));
			this.results.add(metrics[3], name, 1, result.percentileMillis(99.9));
			this.results.add(metrics[4], name, 1, used.cpuMillis() * 1000.0 / requests);
			this.results.add(metrics[5], name, 1, used.contextSwitches() / requests);
		}
	}

	/**
	 * S5: parks requests on a 30 s downstream call and divides the heap they take (after
	 * a full GC, from {@code jcmd GC.heap_info}) by their number.
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
				this.results
					.note(peer.name() + ": S5 parked only " + parked + " of " + count + " requests; no density figure");
				return;
			}
			long loaded = Jcmd.heapUsedAfterGc(peer.pid());
			double bytesPerRequest = (double) (loaded - base) / Math.max(1, parked);
			this.results.add(Metric.S5_BYTES, peer.name(), 1, bytesPerRequest / 1024);
			this.results.add(Metric.S5_PER_GIB, peer.name(), 1, (1L << 30) / Math.max(1, bytesPerRequest));
			if (parked < count) {
				this.results.note(peer.name() + ": S5 parked " + parked + " of " + count + " requests");
			}
		}
	}

	/** Every scenario, in the order {@code --scenarios} names them. */
	static final List<String> ALL = List.of("S1", "S1-latency", "S2", "S3", "S4", "S5", "S6");

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

	/** Asks the downstream server how many delays it has pending. */
	interface Downstream {

		int inFlight();

	}

	/** A closed-model load generator: {@link Wrk#run} in the harness. */
	interface ClosedLoad {

		Wrk.Result run(String url, int connections, Duration duration);

	}

}
