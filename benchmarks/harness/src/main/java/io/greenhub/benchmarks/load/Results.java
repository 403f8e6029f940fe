package io.greenhub.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every value measured, per metric and peer, one per round; read through their medians.
 * Written and read by the harness's main thread only.
 */
final class Results {

	private final Map<Metric, Map<String, List<Double>>> values = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void add(Metric metric, String peer, double value) {
		this.values.computeIfAbsent(metric, (key) -> new LinkedHashMap<>()).computeIfAbsent(peer, (key) -> new ArrayList<>()).add(value);
	}

	void note(String note) {
		this.notes.add(note);
	}

	List<String> notes() {
		return this.notes;
	}

	List<Metric> metrics() {
		return List.copyOf(this.values.keySet());
	}

	List<Double> values(Metric metric, String peer) {
		return this.values.getOrDefault(metric, Map.of()).getOrDefault(peer, List.of());
	}

	/**
	 * The median of a metric's values for a peer.
	 * @param metric the metric
	 * @param peer the peer
	 * @return the median, empty if nothing was measured
	 */
	OptionalDouble median(Metric metric, String peer) {
		List<Double> sorted = values(metric, peer).stream().sorted().toList();
		if (sorted.isEmpty()) {
			return OptionalDouble.empty();
		}
		int middle = sorted.size() / 2;
		return OptionalDouble.of((sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
	}

}
