package io.github.iscsigw.gateway.settings;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

/**
 * The {@code controls} form field of the target and disk routes (rbd-target-api.md §4,
 * settings.md §2.3): a JSON object whose keys must be known controls; {@code null} or
 * {@code ""} resets a control to the global default; integers may be JSON numbers or
 * decimal strings, yes/no controls JSON booleans or {@code 1/true/yes/0/false/no}.
 */
public final class Controls {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GatewaySettings settings;

	public Controls(GatewaySettings settings) {
		this.settings = settings;
	}

	/**
	 * Parses target controls.
	 * @param json the form field
	 * @return each given control, normalised ({@code null} for "reset to default")
	 * @throws InvalidControlsException with ceph-iscsi's text
	 */
	public Map<String, JsonNode> parseTarget(String json) {
		return parse(json, SettingsCatalog.TARGET_CONTROLS);
	}

	/**
	 * Parses disk controls.
	 * @param json the form field
	 * @return each given control, normalised ({@code null} for "reset to default")
	 * @throws InvalidControlsException with ceph-iscsi's text
	 */
	public Map<String, JsonNode> parseDisk(String json) {
		return parse(json, SettingsCatalog.DISK_CONTROLS);
	}

	/**
	 * Merges requested controls into stored ones, keeping only values that differ from
	 * the global default (gateway-conf.md §2.6).
	 * @param stored the stored overrides
	 * @param requested parsed controls ({@code null} values reset)
	 * @return the new stored overrides
	 */
	public Map<String, JsonNode> merge(Map<String, JsonNode> stored, Map<String, JsonNode> requested) {
		Map<String, JsonNode> result = new LinkedHashMap<>(stored);
		requested.forEach((name, value) -> {
			Object defaultValue = this.settings.values().get(name);
			if (value == null || isDefault(value, defaultValue)) {
				result.remove(name);
			}
			else {
				result.put(name, value);
			}
		});
		return result;
	}

	private static boolean isDefault(JsonNode value, Object defaultValue) {
		if (value.isBoolean()) {
			return Boolean.valueOf(value.asBoolean()).equals(defaultValue);
		}
		return defaultValue instanceof Integer number && value.isIntegralNumber() && value.asInt() == number;
	}

	private Map<String, JsonNode> parse(String json, List<String> known) {
		JsonNode tree;
		try {
			tree = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new InvalidControlsException("controls must be a JSON object");
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidControlsException("controls must be a JSON object");
		}
		Map<String, JsonNode> result = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : tree.properties()) {
			if (!known.contains(entry.getKey())) {
				throw new InvalidControlsException("Supported controls: " + String.join(",", known));
			}
		}
		for (Map.Entry<String, JsonNode> entry : tree.properties()) {
			String name = entry.getKey();
			JsonNode value = entry.getValue();
			if (value.isNull() || (value.isString() && value.asString().isEmpty())) {
				result.put(name, null);
				continue;
			}
			SettingDefinition definition = SettingsCatalog.ALL.get(name);
			result.put(name, (definition.type() == SettingType.BOOL) ? yesNo(name, value) : integer(definition, value));
		}
		return result;
	}

	private static JsonNode yesNo(String name, JsonNode value) {
		if (value.isBoolean()) {
			return BooleanNode.valueOf(value.asBoolean());
		}
		if (value.isString() || value.isIntegralNumber()) {
			String text = value.isString() ? value.asString() : value.asString();
			switch (text.strip().toLowerCase(Locale.ROOT)) {
				case "1", "true", "yes" -> {
					return BooleanNode.TRUE;
				}
				case "0", "false", "no" -> {
					return BooleanNode.FALSE;
				}
				default -> {
				}
			}
		}
		throw new InvalidControlsException("expected yes or no for " + name);
	}

	private static JsonNode integer(SettingDefinition definition, JsonNode value) {
		BigInteger number;
		if (value.isIntegralNumber()) {
			number = value.bigIntegerValue();
		}
		else if (value.isString()) {
			try {
				number = new BigInteger(value.asString().strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidControlsException("expected integer for " + definition.name());
			}
		}
		else {
			throw new InvalidControlsException("expected integer for " + definition.name());
		}
		if (number.compareTo(BigInteger.valueOf(definition.min())) < 0) {
			throw new InvalidControlsException("expected integer >= " + definition.min() + " for " + definition.name());
		}
		if (number.compareTo(BigInteger.valueOf(definition.max())) > 0) {
			throw new InvalidControlsException("expected integer <= " + definition.max() + " for " + definition.name());
		}
		return IntNode.valueOf(number.intValue());
	}

	/**
	 * A control name or value is not acceptable; the message is ceph-iscsi's text.
	 */
	public static class InvalidControlsException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public InvalidControlsException(String message) {
			super(message);
		}

	}

}
