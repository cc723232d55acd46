package io.github.iscsigw.gateway.state;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Serialises a JSON tree exactly as CPython's {@code json.dumps} does, so that bytes we
 * write (the config object, the settings hash input) are identical to ceph-iscsi's.
 * Python specifics reproduced: {@code ensure_ascii} escaping ({@code \u00e9}, lower-case
 * hex, surrogate pairs, DEL escaped), short escapes only for
 * {@code \" \\ \n \r \t \b \f}, {@code {}} / {@code []} for empty containers even when
 * indenting, keys sorted by code point, floats in {@code repr} form ({@code 1.0},
 * {@code 1e-05}, {@code 1e+16}, {@code NaN}, {@code Infinity}) and arbitrary-size
 * integers.
 */
public final class PythonJson {

	/**
	 * {@code json.dumps(obj, sort_keys=True, indent=4, separators=(',', ': '))}: the
	 * physical format of {@code gateway.conf} (gateway-conf.md §1).
	 */
	public static final Style CONFIG_OBJECT = new Style(4, ",", ": ", true, true);

	/**
	 * {@code json.dumps(obj)}: one line, {@code ", "} and {@code ": "}, insertion order.
	 */
	public static final Style DEFAULT = new Style(-1, ", ", ": ", false, true);

	/**
	 * Flask {@code jsonify} of ceph-iscsi ≤ 3.5 on old Flask, pretty variant:
	 * {@code json.dumps(obj, sort_keys=True, indent=2, separators=(',', ': '))} (Flask
	 * appends a newline).
	 */
	public static final Style FLASK_PRETTY = new Style(2, ",", ": ", true, true);

	/**
	 * Flask {@code jsonify}, compact variant ({@code {"message":"pong"}}):
	 * {@code json.dumps(obj, sort_keys=True, separators=(',', ':'))} (Flask appends a
	 * newline).
	 */
	public static final Style FLASK_COMPACT = new Style(-1, ",", ":", true, true);

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private PythonJson() {
	}

	/**
	 * Python's {@code json.dumps} keyword arguments that matter for the output.
	 *
	 * @param indent spaces per level, or negative for {@code indent=None} (one line)
	 * @param itemSeparator first element of {@code separators}
	 * @param keySeparator second element of {@code separators}
	 * @param sortKeys {@code sort_keys}
	 * @param ensureAscii {@code ensure_ascii}
	 */
	public record Style(int indent, String itemSeparator, String keySeparator, boolean sortKeys, boolean ensureAscii) {

	}

	/**
	 * {@code json.dumps(node)} with default arguments.
	 * @param node the value
	 * @return the text
	 */
	public static String dumps(JsonNode node) {
		return dumps(node, DEFAULT);
	}

	/**
	 * {@code json.dumps(node, **style)}.
	 * @param node the value
	 * @param style the arguments
	 * @return the text, without a trailing newline
	 */
	public static String dumps(JsonNode node, Style style) {
		StringBuilder out = new StringBuilder();
		write(node, style, 0, out);
		return out.toString();
	}

	private static void write(JsonNode node, Style style, int level, StringBuilder out) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			writeObject(node, style, level, out);
		}
		else if (node.isArray()) {
			writeArray(node, style, level, out);
		}
		else if (node.isString()) {
			writeString(node.stringValue(), style.ensureAscii(), out);
		}
		else if (node.isBoolean()) {
			out.append(node.booleanValue() ? "true" : "false");
		}
		else if (node.isIntegralNumber()) {
			out.append(node.bigIntegerValue().toString());
		}
		else if (node.isNumber()) {
			out.append(floatRepr(node.doubleValue()));
		}
		else if (node.isBinary()) {
			writeString(node.asString(), style.ensureAscii(), out);
		}
		else {
			throw new IllegalArgumentException("not representable in Python JSON: " + node.getNodeType());
		}
	}

	private static void writeObject(JsonNode node, Style style, int level, StringBuilder out) {
		if (node.isEmpty()) {
			out.append("{}");
			return;
		}
		List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
		if (style.sortKeys()) {
			entries.sort(Map.Entry.comparingByKey(Canonical.KEY_ORDER));
		}
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> entry : entries) {
			separate(first, style, level + 1, out);
			first = false;
			writeString(entry.getKey(), style.ensureAscii(), out);
			out.append(style.keySeparator());
			write(entry.getValue(), style, level + 1, out);
		}
		close(style, level, out);
		out.append('}');
	}

	private static void writeArray(JsonNode node, Style style, int level, StringBuilder out) {
		if (node.isEmpty()) {
			out.append("[]");
			return;
		}
		out.append('[');
		boolean first = true;
		for (JsonNode element : node.values()) {
			separate(first, style, level + 1, out);
			first = false;
			write(element, style, level + 1, out);
		}
		close(style, level, out);
		out.append(']');
	}

	private static void separate(boolean first, Style style, int level, StringBuilder out) {
		if (!first) {
			out.append(style.itemSeparator());
		}
		if (style.indent() >= 0) {
			newline(style, level, out);
		}
	}

	private static void close(Style style, int level, StringBuilder out) {
		if (style.indent() >= 0) {
			newline(style, level, out);
		}
	}

	private static void newline(Style style, int level, StringBuilder out) {
		out.append('\n');
		out.append(" ".repeat(style.indent() * level));
	}

	/**
	 * Python's {@code encode_basestring_ascii} / {@code encode_basestring}.
	 */
	static void writeString(String text, boolean ensureAscii, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					// ensure_ascii escapes everything outside ' '..'~' (DEL included); a
					// Java
					// char is a UTF-16 unit, so astral characters come out as the
					// surrogate
					// pair Python writes too.
					if (c < 0x20 || (ensureAscii && c > 0x7e)) {
						out.append("\\u")
							.append(HEX[(c >> 12) & 0xf])
							.append(HEX[(c >> 8) & 0xf])
							.append(HEX[(c >> 4) & 0xf])
							.append(HEX[c & 0xf]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/**
	 * Python's {@code float.__repr__}: the shortest decimal that reads back as the same
	 * double (JDK 17's {@link Double#toString} is not always shortest), fixed notation
	 * for decimal exponents in (-4, 16], otherwise {@code d.ddde±XX}.
	 */
	static String floatRepr(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
		double abs = Math.abs(value);
		if (abs == 0.0) {
			return sign + "0.0";
		}
		BigDecimal shortest = shortest(abs);
		String digits = shortest.unscaledValue().toString();
		// value = 0.<digits> x 10^decpt, as in David Gay's dtoa used by CPython
		int decpt = digits.length() - shortest.scale();
		return sign + layout(digits, decpt);
	}

	private static BigDecimal shortest(double abs) {
		BigDecimal exact = new BigDecimal(abs);
		for (int precision = 1; precision <= 17; precision++) {
			BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
			BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
			boolean downOk = down.doubleValue() == abs;
			boolean upOk = up.doubleValue() == abs;
			if (downOk && upOk) {
				int cmp = exact.subtract(down).compareTo(up.subtract(exact));
				if (cmp == 0) {
					BigDecimal even = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
					return even.stripTrailingZeros();
				}
				return ((cmp < 0) ? down : up).stripTrailingZeros();
			}
			if (downOk) {
				return down.stripTrailingZeros();
			}
			if (upOk) {
				return up.stripTrailingZeros();
			}
		}
		return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
	}

	private static String layout(String digits, int decpt) {
		if (decpt > -4 && decpt <= 16) {
			if (decpt <= 0) {
				return "0." + "0".repeat(-decpt) + digits;
			}
			if (decpt >= digits.length()) {
				return digits + "0".repeat(decpt - digits.length()) + ".0";
			}
			return digits.substring(0, decpt) + "." + digits.substring(decpt);
		}
		int exponent = decpt - 1;
		String mantissa = (digits.length() > 1) ? digits.charAt(0) + "." + digits.substring(1) : digits;
		String expDigits = String.valueOf(Math.abs(exponent));
		return mantissa + "e" + ((exponent < 0) ? "-" : "+") + ((expDigits.length() < 2) ? "0" : "") + expDigits;
	}

}
