package io.github.iscsigw.gateway.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric of the exporter with its samples, in the order they were added. Samples with
 * equal labels are merged (ceph-iscsi would print both, which Prometheus rejects as
 * duplicates): a counter adds them up, a gauge keeps the first.
 */
final class MetricFamily {

	private final String name;

	private final String help;

	private final String type;

	private final Map<Map<String, String>, Number> samples = new LinkedHashMap<>();

	MetricFamily(String name, String help, String type) {
		this.name = name;
		this.help = help;
		this.type = type;
	}

	String name() {
		return this.name;
	}

	String help() {
		return this.help;
	}

	String type() {
		return this.type;
	}

	/**
	 * Adds a sample.
	 * @param value the value (integral, or a double for durations)
	 * @param labels label names and values, alternating, in output order
	 */
	void add(Number value, String... labels) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < labels.length; i += 2) {
			map.put(labels[i], labels[i + 1]);
		}
		Map<String, String> key = java.util.Collections.unmodifiableMap(map);
		Number previous = this.samples.get(key);
		if (previous == null) {
			this.samples.put(key, value);
		}
		else if ("counter".equals(this.type)) {
			this.samples.put(key, previous.longValue() + value.longValue());
		}
	}

	List<Map.Entry<Map<String, String>, Number>> samples() {
		return new ArrayList<>(this.samples.entrySet());
	}

}
