package io.github.iscsigw.gateway.state;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code gateway.conf} (gateway-conf.md §1–§2): bytes ⇄
 * {@link GatewayConfig}, migrating older versions on read (§6) and writing ceph-iscsi's
 * physical format byte for byte ({@link PythonJson#CONFIG_OBJECT}).
 */
public final class ConfigCodec {

	/**
	 * ceph-iscsi's {@code get_time()}: {@code utcnow().strftime('%Y/%m/%d %H:%M:%S')}.
	 */
	public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	// Python's json module reads and writes NaN/Infinity; a missing int/bool key reads as
	// 0/false rather than failing (older writers may omit keys we treat as required).
	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.build();

	private ConfigCodec() {
	}

	/**
	 * The current time as ceph-iscsi writes timestamps ({@code 2024/05/02 09:14:07},
	 * UTC).
	 * @param clock the clock
	 * @return the timestamp
	 */
	public static String now(Clock clock) {
		return TIMESTAMP.format(clock.instant());
	}

	/**
	 * The document an empty config object is seeded with (§1): version 11, epoch 0,
	 * {@code created} now, {@code updated} empty.
	 * @param clock the clock
	 * @return the seed
	 */
	public static GatewayConfig seed(Clock clock) {
		return GatewayConfig.seed(now(clock));
	}

	/**
	 * Writes the document as ceph-iscsi does: sorted keys, 4-space indent, ASCII only, no
	 * trailing newline.
	 * @param config the document
	 * @return UTF-8 (in fact ASCII) bytes
	 */
	public static byte[] write(GatewayConfig config) {
		return PythonJson.dumps(toTree(config), PythonJson.CONFIG_OBJECT).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The document as a JSON tree (e.g. to answer {@code GET /api/config} with
	 * {@link PythonJson}, or to replace passwords by their plain text there).
	 * @param config the document
	 * @return a new tree
	 */
	public static ObjectNode toTree(GatewayConfig config) {
		return MAPPER.valueToTree(config);
	}

	/**
	 * Binds a version 11 tree without migrating.
	 * @param tree the document
	 * @return the document
	 * @throws ConfigFormatException if the tree is not a version ≥ 11 document
	 */
	public static GatewayConfig fromTree(JsonNode tree) {
		int version = Migrations.version(tree);
		if (version < GatewayConfig.CURRENT_VERSION) {
			throw new ConfigFormatException(
					"gateway.conf version " + version + " needs migration to " + GatewayConfig.CURRENT_VERSION);
		}
		try {
			return MAPPER.treeToValue(tree, GatewayConfig.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new ConfigFormatException("gateway.conf does not match the version 11 schema: "
					+ ex.getClass().getSimpleName() + " at " + location(ex), ex);
		}
	}

	/**
	 * Parses the object's content, migrating it to version 11 if needed (§6).
	 * @param content the bytes read (must not be empty: an empty object is seeded, see
	 * {@link #seed(Clock)})
	 * @param context this gateway's names and keys, needed by some migrations
	 * @return the document and whether it was migrated (then the caller commits it once,
	 * epoch + 1)
	 * @throws ConfigFormatException if the content is not a readable document
	 */
	public static Parsed read(byte[] content, Migrations.Context context) {
		Migrations.Result upgraded = Migrations.upgrade(readTree(content), context);
		return new Parsed(fromTree(upgraded.document()), upgraded.fromVersion(), upgraded.migrated());
	}

	/**
	 * Parses JSON text as Python's {@code json.loads} would (NaN/Infinity allowed).
	 * @param content the bytes
	 * @return the tree
	 * @throws ConfigFormatException if the content is empty or not JSON
	 */
	public static JsonNode readTree(byte[] content) {
		if (content == null || content.length == 0) {
			throw new ConfigFormatException("gateway.conf is empty");
		}
		try {
			return MAPPER.readTree(content);
		}
		catch (JacksonException ex) {
			throw new ConfigFormatException("gateway.conf is not valid JSON at " + location(ex), ex);
		}
	}

	private static String location(Exception ex) {
		if (ex instanceof JacksonException jackson) {
			String path = jackson.getPathReference();
			return (path != null) ? path : String.valueOf(jackson.getLocation());
		}
		return "?";
	}

	/**
	 * A document read from the config object.
	 *
	 * @param config the version 11 document
	 * @param fromVersion the version found in the object
	 * @param migrated whether {@link Migrations} changed anything (the caller should
	 * commit the result once)
	 */
	public record Parsed(GatewayConfig config, int fromVersion, boolean migrated) {

	}

}
