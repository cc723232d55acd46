package io.github.iscsigw.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the chart's {@code iscsi-gateway.cfg} back: sections in order,
 * {@code key = value} lines, whole-line comments, as Python's ConfigParser does for what
 * the chart writes.
 */
final class Ini {

	private Ini() {
	}

	static Map<String, Map<String, String>> parse(String text) {
		Map<String, Map<String, String>> sections = new LinkedHashMap<>();
		Map<String, String> current = null;
		for (String raw : text.split("\n")) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
				continue;
			}
			if (line.startsWith("[") && line.endsWith("]")) {
				current = new LinkedHashMap<>();
				if (sections.put(line.substring(1, line.length() - 1), current) != null) {
					throw new AssertionError("duplicate section " + line);
				}
				continue;
			}
			int equals = line.indexOf('=');
			if (current == null || equals < 0) {
				throw new AssertionError("not a ConfigParser line: " + raw);
			}
			String key = line.substring(0, equals).strip();
			if (current.put(key, line.substring(equals + 1).strip()) != null) {
				throw new AssertionError("duplicate key " + key);
			}
		}
		return sections;
	}

}
