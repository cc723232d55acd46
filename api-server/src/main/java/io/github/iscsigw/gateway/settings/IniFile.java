package io.github.iscsigw.gateway.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Python's {@code ConfigParser} syntax that {@code iscsi-gateway.cfg} uses
 * (settings.md §1): {@code [section]} headers, {@code key = value} or {@code key: value},
 * case-insensitive keys, whole-line {@code #}/{@code ;} comments (no inline comments),
 * quotes kept, indented continuation lines, and {@code %} interpolation ({@code %%} is a
 * literal percent, {@code %(key)s} the value of another key of the section or of
 * {@code [DEFAULT]}).
 */
final class IniFile {

	private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)\\]");

	private static final Pattern OPTION = Pattern.compile("([^:=\\s][^:=]*?)\\s*[:=]\\s*(.*)");

	private static final Pattern REFERENCE = Pattern.compile("%\\(([^)]+)\\)s");

	private final Map<String, Map<String, String>> sections;

	private IniFile(Map<String, Map<String, String>> sections) {
		this.sections = sections;
	}

	/**
	 * Parses the text of a file.
	 * @param text the file content
	 * @param source a name for messages (the path)
	 * @return the parsed file, values interpolated
	 * @throws SettingsException on a syntax error
	 */
	static IniFile parse(String text, String source) {
		Map<String, Map<String, String>> raw = new LinkedHashMap<>();
		Map<String, String> current = null;
		String lastKey = null;
		String[] lines = text.split("\r?\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			String stripped = line.strip();
			int lineNumber = i + 1;
			if (stripped.isEmpty()) {
				lastKey = null;
				continue;
			}
			if (stripped.startsWith("#") || stripped.startsWith(";")) {
				continue;
			}
			boolean indented = Character.isWhitespace(line.charAt(0));
			if (indented && current != null && lastKey != null) {
				current.put(lastKey, current.get(lastKey) + "\n" + stripped);
				continue;
			}
			Matcher section = SECTION.matcher(stripped);
			if (section.matches()) {
				// ConfigParser section names are case-sensitive
				current = raw.computeIfAbsent(section.group(1), (name) -> new LinkedHashMap<>());
				lastKey = null;
				continue;
			}
			if (current == null) {
				throw new SettingsException(source + " line " + lineNumber + ": option outside of a section: '"
						+ stripped + "' (the file must start with a [section] header)");
			}
			Matcher option = OPTION.matcher(stripped);
			if (!option.matches()) {
				throw new SettingsException(
						source + " line " + lineNumber + ": expected 'key = value', found '" + stripped + "'");
			}
			lastKey = option.group(1).strip().toLowerCase(Locale.ROOT);
			current.put(lastKey, option.group(2).strip());
		}
		Map<String, Map<String, String>> interpolated = new LinkedHashMap<>();
		Map<String, String> defaults = raw.getOrDefault("DEFAULT", Map.of());
		raw.forEach((name, options) -> {
			Map<String, String> values = new LinkedHashMap<>();
			options
				.forEach((key, value) -> values.put(key, interpolate(source, name, key, value, options, defaults, 0)));
			interpolated.put(name, values);
		});
		return new IniFile(interpolated);
	}

	private static String interpolate(String source, String section, String key, String value,
			Map<String, String> options, Map<String, String> defaults, int depth) {
		if (depth > 10) {
			throw new SettingsException(source + ": [" + section + "] " + key + ": interpolation too deep");
		}
		StringBuilder result = new StringBuilder();
		int i = 0;
		while (i < value.length()) {
			char c = value.charAt(i);
			if (c != '%') {
				result.append(c);
				i++;
				continue;
			}
			if (value.startsWith("%%", i)) {
				result.append('%');
				i += 2;
				continue;
			}
			Matcher reference = REFERENCE.matcher(value).region(i, value.length());
			if (reference.lookingAt()) {
				String name = reference.group(1).toLowerCase(Locale.ROOT);
				String target = options.containsKey(name) ? options.get(name) : defaults.get(name);
				if (target == null) {
					throw new SettingsException(source + ": [" + section + "] " + key + " = " + value + ": refers to %("
							+ name + ")s, which is not defined");
				}
				result.append(interpolate(source, section, name, target, options, defaults, depth + 1));
				i = reference.end();
				continue;
			}
			throw new SettingsException(source + ": [" + section + "] " + key + " = " + value
					+ ": a '%' must be written '%%' (Python ConfigParser interpolation)");
		}
		return result.toString();
	}

	Map<String, Map<String, String>> sections() {
		return this.sections;
	}

}
