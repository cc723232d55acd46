package io.github.iscsigw.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Navigation in parsed YAML ({@code Map}/{@code List} trees) by dotted paths, and the
 * deep merge Helm applies to values files.
 */
final class Yamls {

	private Yamls() {
	}

	/**
	 * The value at a dotted path ({@code "spec.template.spec"}), or {@code null}.
	 * @param root the tree
	 * @param path keys separated by dots
	 * @return the value or {@code null}
	 */
	static Object get(Map<String, Object> root, String path) {
		Object current = root;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> root, String path) {
		Object value = get(root, path);
		if (!(value instanceof Map)) {
			throw new AssertionError("no map at " + path + " in " + root);
		}
		return (Map<String, Object>) value;
	}

	static List<Map<String, Object>> list(Map<String, Object> root, String path) {
		List<Map<String, Object>> list = listOrNull(root, path);
		if (list == null) {
			throw new AssertionError("no list at " + path);
		}
		return list;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> listOrNull(Map<String, Object> root, String path) {
		Object value = get(root, path);
		return (value instanceof List) ? (List<Map<String, Object>>) value : null;
	}

	/**
	 * Every string anywhere in a tree (keys and values), for "never appears" checks.
	 * @param tree a parsed document
	 * @return the strings, depth first
	 */
	static List<String> strings(Object tree) {
		List<String> strings = new ArrayList<>();
		collect(tree, strings);
		return strings;
	}

	private static void collect(Object node, List<String> strings) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				strings.add(String.valueOf(key));
				collect(value, strings);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collect(item, strings));
		}
		else if (node != null) {
			strings.add(String.valueOf(node));
		}
	}

	/**
	 * Helm's merge of values: maps merge key by key, anything else is replaced.
	 * @param base the chart's values
	 * @param overlay the user's values
	 * @return a new merged tree
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overlay.forEach((key, value) -> {
			Object existing = merged.get(key);
			if (existing instanceof Map && value instanceof Map) {
				merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) value));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

}
