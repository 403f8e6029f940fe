package io.greenhub.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Every value measured, per metric, peer and round, read through their medians and
 * min-max spread; and each peer's warm-up. Written and read by the harness's main thread
 * only.
 */
final class Results {

	private final Map<Metric, Map<String, TreeMap<Integer, Double>>> values = new LinkedHashMap<>();

	private final Map<String, WarmUp> warmUps = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void add(Metric metric, String peer, int round, double value) {
		this.values.computeIfAbsent(metric, (key) -> new LinkedHashMap<>())
			.computeIfAbsent(peer, (key) -> new TreeMap<>())
			.put(round, value);
	}

	void warmUp(String peer, WarmUp warmUp) {
		this.warmUps.put(peer, warmUp);
	}

	Map<String, WarmUp> warmUps() {
		return this.warmUps;
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

	/**
	 * A metric's values for a peer by round.
	 * @param metric the metric
	 * @param peer the peer
	 * @return round number to value, in round order; empty if nothing was measured
	 */
	Map<Integer, Double> byRound(Metric metric, String peer) {
		return this.values.getOrDefault(metric, Map.of()).getOrDefault(peer, new TreeMap<>());
	}

	List<Double> values(Metric metric, String peer) {
		return List.copyOf(byRound(metric, peer).values());
	}

	/**
	 * The median of a metric's values for a peer.
	 * @param metric the metric
	 * @param peer the peer
	 * @return the median, empty if nothing was measured
	 */
	OptionalDouble median(Metric metric, String peer) {
		return median(values(metric, peer));
	}

	/**
	 * The ratios of a peer's values to a reference's, round by round: each pair was
	 * measured in the same round, minutes apart at most.
	 * @param metric the metric
	 * @param peer the peer
	 * @param reference the reference peer
	 * @return the ratios of the rounds where both were measured and the reference is not
	 * 0
	 */
	List<Double> ratios(Metric metric, String peer, String reference) {
		Map<Integer, Double> ref = byRound(metric, reference);
		List<Double> ratios = new ArrayList<>();
		byRound(metric, peer).forEach((round, value) -> {
			Double base = ref.get(round);
			if (base != null && base != 0) {
				ratios.add(value / base);
			}
		});
		return ratios;
	}

	static OptionalDouble median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return OptionalDouble.empty();
		}
		int middle = sorted.size() / 2;
		return OptionalDouble
			.of((sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
	}

}
