package io.github.iscsigw.gateway.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a setting's raw text becomes its value, following ceph-iscsi's
 * {@code gateway_setting} classes (settings.md §1).
 */
enum SettingType {

	STR, INT, BOOL, LIST, ENUM;

	/**
	 * Normalises a raw value.
	 * @param definition the setting
	 * @param raw the text from the file (already stripped)
	 * @return the typed value
	 * @throws IllegalArgumentException with a message saying what is allowed
	 */
	Object normalise(SettingDefinition definition, String raw) {
		return switch (this) {
			case STR -> raw;
			case INT -> parseInt(definition, raw);
			case BOOL -> parseBool(raw);
			case LIST -> parseList(raw);
			case ENUM -> {
				if (!definition.values().contains(raw)) {
					throw new IllegalArgumentException("allowed: one of " + String.join(", ", definition.values()));
				}
				yield raw;
			}
		};
	}

	private static int parseInt(SettingDefinition definition, String raw) {
		long value;
		try {
			// Python's int() accepts surrounding blanks, a sign and digit-group
			// underscores.
			String text = raw.strip();
			if (text.startsWith("_") || text.endsWith("_") || text.contains("__")) {
				throw new NumberFormatException(raw);
			}
			value = Long.parseLong(text.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"allowed: an integer from " + definition.min() + " to " + definition.max());
		}
		if (value < definition.min() || value > definition.max()) {
			throw new IllegalArgumentException(
					"allowed: an integer from " + definition.min() + " to " + definition.max());
		}
		return (int) value;
	}

	static boolean parseBool(String raw) {
		String text = raw.toLowerCase(Locale.ROOT);
		if (text.equals("true") || text.equals("yes") || text.equals("1")) {
			return true;
		}
		if (text.equals("false") || text.equals("no") || text.equals("0")) {
			return false;
		}
		throw new IllegalArgumentException("allowed: true, false, yes, no, 1 or 0 (any case)");
	}

	private static List<String> parseList(String raw) {
		if (raw.isEmpty()) {
			return List.of();
		}
		List<String> items = new ArrayList<>();
		for (String item : raw.split(",", -1)) {
			items.add(item.strip());
		}
		return List.copyOf(items);
	}

}
