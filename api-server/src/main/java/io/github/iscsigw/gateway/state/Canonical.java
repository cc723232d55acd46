package io.github.iscsigw.gateway.state;

import java.math.BigInteger;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;

/**
 * Canonical, immutable copies of the collections held by the document records, so that
 * {@code equals} means "same configuration" and iteration order is the order ceph-iscsi
 * stores (and therefore iterates) keys in: Python's {@code sort_keys}, i.e. code point
 * order.
 */
final class Canonical {

	/**
	 * Python compares {@code str} keys by code point; {@link String#compareTo} compares
	 * UTF-16 units, which differs for characters beyond the BMP.
	 */
	static final Comparator<String> KEY_ORDER = Canonical::compareCodePoints;

	private Canonical() {
	}

	static <V> SortedMap<String, V> map(Map<String, ? extends V> source) {
		TreeMap<String, V> copy = new TreeMap<>(KEY_ORDER);
		if (source != null) {
			source.forEach((key, value) -> {
				if (key == null || value == null) {
					throw new IllegalArgumentException("null key or value in " + source.keySet());
				}
				copy.put(key, value);
			});
		}
		return Collections.unmodifiableSortedMap(copy);
	}

	/**
	 * Copies JSON values (controls, unknown keys): containers deep-copied so nobody can
	 * mutate a record from outside, integral numbers normalised to the smallest node type
	 * so that {@code 64} read from a file equals {@code 64} built in code.
	 */
	static SortedMap<String, JsonNode> jsonMap(Map<String, ? extends JsonNode> source) {
		TreeMap<String, JsonNode> copy = new TreeMap<>(KEY_ORDER);
		if (source != null) {
			source.forEach((key, value) -> {
				if (key == null) {
					throw new IllegalArgumentException("null key in " + source.keySet());
				}
				copy.put(key, json(value));
			});
		}
		return Collections.unmodifiableSortedMap(copy);
	}

	static JsonNode json(JsonNode value) {
		if (value == null) {
			return tools.jackson.databind.node.NullNode.getInstance();
		}
		if (value.isContainer()) {
			return value.deepCopy();
		}
		if (value.isIntegralNumber()) {
			BigInteger big = value.bigIntegerValue();
			if (big.bitLength() < 32) {
				return IntNode.valueOf(big.intValue());
			}
			if (big.bitLength() < 64) {
				return LongNode.valueOf(big.longValue());
			}
			return BigIntegerNode.valueOf(big);
		}
		return value;
	}

	static List<String> list(List<String> source) {
		return (source != null) ? List.copyOf(source) : List.of();
	}

	static String text(String value) {
		return (value != null) ? value : "";
	}

	static <V> SortedMap<String, V> with(Map<String, V> map, String key, V value) {
		TreeMap<String, V> copy = new TreeMap<>(KEY_ORDER);
		copy.putAll(map);
		copy.put(key, value);
		return Collections.unmodifiableSortedMap(copy);
	}

	static <V> SortedMap<String, V> without(Map<String, V> map, String key) {
		TreeMap<String, V> copy = new TreeMap<>(KEY_ORDER);
		copy.putAll(map);
		copy.remove(key);
		return Collections.unmodifiableSortedMap(copy);
	}

	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
