package io.github.iscsigw.lio.model;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.iscsigw.lio.LioException;

/**
 * Validation and normalisation shared by the model records: IQNs, configfs object names,
 * attribute maps and child lists.
 */
public final class Names {

	private static final Pattern IQN = Pattern
		.compile("(iqn\\.\\d{4}-\\d{2}\\.[a-z0-9][a-z0-9._:\\-]*|eui\\.[0-9a-f]{16}|naa\\.[0-9a-f]{16,32})");

	private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");

	private Names() {
	}

	/**
	 * Normalises an iSCSI name the way ceph-iscsi does (lower case) and checks its form.
	 * @param value an IQN, EUI or NAA name
	 * @return the lower-case name
	 */
	public static String iqn(String value) {
		if (value == null) {
			throw new LioException("iSCSI name is missing");
		}
		String v = value.trim().toLowerCase(Locale.ROOT);
		if (v.length() > 223 || !IQN.matcher(v).matches()) {
			throw new LioException("invalid iSCSI name '" + value + "'");
		}
		return v;
	}

	/**
	 * Checks a configfs object name (storage object, ALUA group).
	 * @param what what the name is for (used in the message)
	 * @param value the name
	 * @return the name
	 */
	public static String objectName(String what, String value) {
		if (value == null || !OBJECT_NAME.matcher(value).matches()) {
			throw new LioException("invalid " + what + " name '" + value + "'");
		}
		return value;
	}

	static Map<String, String> attributes(String what, Map<String, String> map) {
		TreeMap<String, String> copy = new TreeMap<>();
		if (map != null) {
			map.forEach((k, v) -> {
				if (k == null || !KEY.matcher(k).matches()) {
					throw new LioException("invalid " + what + " name '" + k + "'");
				}
				if (v == null || v.indexOf('\n') >= 0 || v.length() > 4000) {
					throw new LioException("invalid value for " + what + " '" + k + "'");
				}
				copy.put(k, v.strip());
			});
		}
		return java.util.Collections.unmodifiableMap(copy);
	}

	static <T extends Comparable<? super T>> List<T> sorted(String what, Collection<T> items,
			java.util.function.Function<T, Object> key) {
		if (items == null) {
			return List.of();
		}
		List<T> copy = items.stream().sorted().toList();
		for (int i = 1; i < copy.size(); i++) {
			if (key.apply(copy.get(i - 1)).equals(key.apply(copy.get(i)))) {
				throw new LioException("duplicate " + what + " " + key.apply(copy.get(i)));
			}
		}
		return copy;
	}

	/**
	 * Finds an element in a list sorted by {@code key} (the model keeps children sorted).
	 */
	static <T, K extends Comparable<? super K>> T find(List<T> sorted, K wanted,
			java.util.function.Function<T, K> key) {
		int lo = 0;
		int hi = sorted.size() - 1;
		while (lo <= hi) {
			int mid = (lo + hi) >>> 1;
			int c = key.apply(sorted.get(mid)).compareTo(wanted);
			if (c < 0) {
				lo = mid + 1;
			}
			else if (c > 0) {
				hi = mid - 1;
			}
			else {
				return sorted.get(mid);
			}
		}
		return null;
	}

	static int range(String what, int value, int min, int max) {
		if (value < min || value > max) {
			throw new LioException(what + " " + value + " out of range " + min + ".." + max);
		}
		return value;
	}

}
