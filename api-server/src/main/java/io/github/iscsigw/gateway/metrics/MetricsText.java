package io.github.iscsigw.gateway.metrics;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ceph-iscsi's exposition text (settings.md §6): metrics sorted by name, each with
 * {@code #HELP: } and {@code #TYPE: } lines (a colon, so Prometheus reads them as plain
 * comments), labels in insertion order with unescaped quoted values, no trailing newline.
 */
final class MetricsText {

	private MetricsText() {
	}

	static String format(List<MetricFamily> families) {
		StringBuilder text = new StringBuilder();
		families.stream().sorted(Comparator.comparing(MetricFamily::name)).forEach((family) -> {
			text.append("#HELP: ").append(family.name()).append(' ').append(family.help()).append('\n');
			text.append("#TYPE: ").append(family.name()).append(' ').append(family.type()).append('\n');
			for (Map.Entry<Map<String, String>, Number> sample : family.samples()) {
				text.append(family.name())
					.append('{')
					.append(sample.getKey()
						.entrySet()
						.stream()
						.map((label) -> label.getKey() + "=\"" + label.getValue() + "\"")
						.collect(Collectors.joining(",")))
					.append("} ")
					.append(value(sample.getValue()))
					.append('\n');
			}
		});
		return text.toString().stripTrailing();
	}

	static String value(Number value) {
		if (value instanceof Double || value instanceof Float) {
			return BigDecimal.valueOf(value.doubleValue()).toPlainString();
		}
		return Long.toString(value.longValue());
	}

}
