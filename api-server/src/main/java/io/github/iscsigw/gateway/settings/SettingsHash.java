package io.github.iscsigw.gateway.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.github.iscsigw.gateway.state.PythonJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value of {@code GET /api/sysinfo/checkconf} (settings.md §4): SHA-256 of Python's
 * default {@code json.dumps} of every setting but {@code cluster_client_name} and
 * {@code logger_level}, in ceph-iscsi's order. Gateways compare it before joining a
 * target, so it must equal what a Python gateway computes from the same file.
 */
public final class SettingsHash {

	private SettingsHash() {
	}

	/**
	 * Computes the hash.
	 * @param settings the effective settings
	 * @return lower-case hex SHA-256
	 */
	public static String of(GatewaySettings settings) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(serialise(settings).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The exact text that is hashed: {@code json.dumps(dict)} with its default separators
	 * ({@code ", "} and {@code ": "}), insertion order and ASCII escapes.
	 * @param settings the effective settings
	 * @return the serialised settings
	 */
	static String serialise(GatewaySettings settings) {
		ObjectNode tree = JsonNodeFactory.instance.objectNode();
		settings.values().forEach((key, value) -> {
			if (!SettingsCatalog.NOT_HASHED.contains(key)) {
				tree.set(key, toNode(value));
			}
		});
		return PythonJson.dumps(tree, PythonJson.DEFAULT);
	}

	private static JsonNode toNode(Object value) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (value instanceof String text) {
			return nodes.stringNode(text);
		}
		if (value instanceof Integer number) {
			return nodes.numberNode(number);
		}
		if (value instanceof Boolean flag) {
			return nodes.booleanNode(flag);
		}
		ArrayNode array = nodes.arrayNode();
		((List<?>) value).forEach((item) -> array.add(toNode(item)));
		return array;
	}

}
