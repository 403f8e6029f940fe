package io.greenhub.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

/**
 * How a freshly started peer warms up under S1's hello load: one closed-model window
 * after another from the moment it answers, until the last
 * {@link Settings#steadyWindows()} windows agree within {@link Settings#tolerance()} of
 * the highest of them (the peer is <em>steady</em>) or the {@link Settings#warmUpCap()
 * cap} is reached (it is reported as not steady by the cap).
 *
 * @param windows the throughput of each window, in requests per second, in order
 * @param windowSeconds how long each window ran
 * @param steady whether the last windows agreed before the cap
 * @param steadyThroughput the mean of the last {@code steadyWindows} windows: the steady
 * throughput if {@code steady}, the last level reached otherwise
 * @param secondsTo90 the end of the first window at or above 90% of
 * {@code steadyThroughput}, counted from the first request, in seconds
 * @param readySeconds how long the process took from its start to its first answer
 */
record WarmUp(List<Double> windows, double windowSeconds, boolean steady, double steadyThroughput, double secondsTo90,
		double readySeconds) {

	/**
	 * Runs windows of S1 load against a peer until it is steady or the cap is reached.
	 * @param load the closed-model load generator
	 * @param url the peer's {@code /hello}
	 * @param connections the connections of S1
	 * @param settings the window, the steadiness rule and the cap
	 * @param readySeconds how long the peer took to answer after its start
	 * @return the curve and its figures
	 */
	static WarmUp run(Scenarios.ClosedLoad load, String url, int connections, Settings settings, double readySeconds) {
		List<Double> windows = new ArrayList<>();
		long cap = settings.warmUpCap().toMillis() / settings.window().toMillis();
		while (windows.size() < cap && !isSteady(windows, settings.steadyWindows(), settings.tolerance())) {
			windows.add(load.run(url, connections, settings.window()).throughput());
		}
		return of(windows, settings.window().toMillis() / 1000.0, settings.steadyWindows(), settings.tolerance(),
				readySeconds);
	}

	/**
	 * Reads a warm-up curve.
	 * @param windows the throughput of each window
	 * @param windowSeconds how long each window ran
	 * @param steadyWindows how many consecutive windows must agree
	 * @param tolerance how far they may spread, as a fraction of the highest
	 * @param readySeconds how long the process took to answer after its start
	 * @return the figures
	 */
	static WarmUp of(List<Double> windows, double windowSeconds, int steadyWindows, double tolerance,
			double readySeconds) {
		if (windows.isEmpty()) {
			throw new IllegalArgumentException("A warm-up needs at least one window");
		}
		boolean steady = isSteady(windows, steadyWindows, tolerance);
		List<Double> last = windows.subList(Math.max(0, windows.size() - steadyWindows), windows.size());
		double level = last.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		int first = 0;
		while (first < windows.size() - 1 && windows.get(first) < 0.9 * level) {
			first++;
		}
		return new WarmUp(List.copyOf(windows), windowSeconds, steady, level, (first + 1) * windowSeconds,
				readySeconds);
	}

	/**
	 * Says whether the last windows agree.
	 * @param windows the windows so far
	 * @param steadyWindows how many of the last must agree
	 * @param tolerance how far they may spread, as a fraction of the highest
	 * @return whether there are enough of them and {@code (max - min) / max <= tolerance}
	 */
	static boolean isSteady(List<Double> windows, int steadyWindows, double tolerance) {
		if (windows.size() < steadyWindows) {
			return false;
		}
		List<Double> last = windows.subList(windows.size() - steadyWindows, windows.size());
		double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
		return max > 0 && (max - min) / max <= tolerance;
	}

	/** How long the warm-up ran under load, in seconds. */
	double seconds() {
		return this.windows.size() * this.windowSeconds;
	}

	/**
	 * The figure as the report prints it.
	 * @return for example {@code 35 s} or {@code 100 s (not steady by 120 s)}
	 */
	String describe() {
		return String.format("%.0f s", this.secondsTo90)
				+ (this.steady ? "" : String.format(" (not steady by %.0f s)", seconds()));
	}

}
