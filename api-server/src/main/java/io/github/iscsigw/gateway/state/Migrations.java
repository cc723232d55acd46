package io.github.iscsigw.gateway.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upgrades older {@code gateway.conf} documents to version 11, step by step, exactly as
 * ceph-iscsi's {@code Config._upgrade_config} does (gateway-conf.md §6), including its
 * side effects: every element it rewrites with {@code update_item} gets
 * {@code updated = now}, every element it adds without {@code created} gets
 * {@code created = now}. Works on a copy of the tree; the caller commits the result once
 * (epoch + 1). Where ceph-iscsi would crash on a missing key (KeyError) we treat the key
 * as empty instead.
 */
public final class Migrations {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Migrations() {
	}

	/**
	 * What some migrations need to know about the gateway running them.
	 *
	 * @param shortName this host's short name, Python's
	 * {@code socket.gethostname().split('.')[0]} (the v9 key of this gateway)
	 * @param fqdn this host's {@code socket.getfqdn()} (its key from v10 on)
	 * @param encryptionAvailable whether both CHAP key files exist (v7→v8 heuristic)
	 * @param clock source of the {@code created}/{@code updated} timestamps
	 */
	public record Context(String shortName, String fqdn, boolean encryptionAvailable, Clock clock) {

		public Context {
			Objects.requireNonNull(shortName, "shortName");
			Objects.requireNonNull(fqdn, "fqdn");
			Objects.requireNonNull(clock, "clock");
		}

		/**
		 * A context whose short name is the FQDN up to the first dot.
		 * @param fqdn the gateway's name
		 * @param encryptionAvailable whether both CHAP key files exist
		 * @param clock the clock
		 * @return the context
		 */
		public static Context of(String fqdn, boolean encryptionAvailable, Clock clock) {
			int dot = fqdn.indexOf('.');
			return new Context((dot > 0) ? fqdn.substring(0, dot) : fqdn, fqdn, encryptionAvailable, clock);
		}

	}

	/**
	 * The outcome of {@link #upgrade(JsonNode, Context)}.
	 *
	 * @param document the upgraded document (a copy; the input is never changed)
	 * @param fromVersion the version the input had
	 * @param migrated whether anything was changed
	 */
	public record Result(ObjectNode document, int fromVersion, boolean migrated) {

	}

	/**
	 * Reads a document's {@code version}.
	 * @param document the document tree
	 * @return the version
	 * @throws ConfigFormatException if it is not an object with an integer version
	 */
	public static int version(JsonNode document) {
		if (document == null || !document.isObject()) {
			throw new ConfigFormatException("gateway.conf is not a JSON object");
		}
		JsonNode version = document.get("version");
		if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
			throw new ConfigFormatException("gateway.conf has no integer 'version'");
		}
		return version.intValue();
	}

	/**
	 * Upgrades a document to version 11 (a no-op for version 11 documents, except while
	 * the v9→v10 rolling rename has not yet been done by this gateway).
	 * @param original the document as read
	 * @param context this gateway
	 * @return the upgraded copy
	 */
	public static Result upgrade(JsonNode original, Context context) {
		return upgrade(original, context, GatewayConfig.CURRENT_VERSION);
	}

	/**
	 * Upgrades a document up to a given version (steps beyond it are not applied).
	 * @param original the document as read
	 * @param context this gateway
	 * @param targetVersion the last version to upgrade to (≤ 11)
	 * @return the upgraded copy
	 */
	static Result upgrade(JsonNode original, Context context, int targetVersion) {
		int from = version(original);
		ObjectNode doc = (ObjectNode) original.deepCopy();
		// computed once, before any step, as ceph-iscsi does
		boolean updateHostname = needsHostnameUpdate(doc, context.fqdn());
		if (from >= GatewayConfig.CURRENT_VERSION && !updateHostname) {
			return new Result(doc, from, false);
		}
		String now = ConfigCodec.now(context.clock());
		int version = from;
		if (version <= 2 && targetVersion >= 3) {
			doc.set("groups", NODES.objectNode());
			version = setVersion(doc, 3);
		}
		if (version == 3 && targetVersion > 3) {
			singleTargetToTargets(doc, now);
			version = setVersion(doc, 4);
		}
		if (version == 4 && targetVersion > 4) {
			for (ObjectNode disk : objects(doc.get("disks"))) {
				disk.put("backstore", Disk.USER_RBD);
				disk.put("updated", now);
			}
			version = setVersion(doc, 5);
		}
		if (version == 5 && targetVersion > 5) {
			for (ObjectNode target : objects(doc.get("targets"))) {
				target.put("acl_enabled", true);
				target.put("updated", now);
			}
			version = setVersion(doc, 6);
		}
		if (version == 6 && targetVersion > 6) {
			dottedDiskIdsToSlashes(doc, now);
			version = setVersion(doc, 7);
		}
		if (version == 7 && targetVersion > 7) {
			splitChapStrings(doc, context.encryptionAvailable(), now);
			version = setVersion(doc, 8);
		}
		if (version == 8 && targetVersion > 8) {
			for (ObjectNode target : objects(doc.get("targets"))) {
				for (ObjectNode portal : objects(target.get("portals"))) {
					JsonNode address = portal.remove("portal_ip_address");
					if (address != null) {
						portal.set("portal_ip_addresses", NODES.arrayNode().add(address));
					}
				}
				target.put("updated", now);
			}
			version = setVersion(doc, 9);
		}
		if ((version == 9 && targetVersion > 9) || (version >= 10 && updateHostname)) {
			renameThisGatewayToFqdn(doc, context, now);
			if (version == 9) {
				version = setVersion(doc, 10);
			}
		}
		if (version == 10 && targetVersion > 10) {
			addTargetAuthAndLunIds(doc, now);
			setVersion(doc, 11);
		}
		return new Result(doc, from, true);
	}

	private static boolean needsHostnameUpdate(ObjectNode doc, String fqdn) {
		if (version(doc) == 9) {
			return true;
		}
		JsonNode upgraded = doc.get("gateways_upgraded");
		if (upgraded == null || upgraded.isNull()) {
			return false;
		}
		return !strings(upgraded).contains(fqdn);
	}

	/**
	 * 3→4: v3 had one target, described by top-level {@code gateways} (holding
	 * {@code iqn}, {@code ip_list}, {@code created} and one object per host),
	 * {@code clients}, {@code groups} and {@code controls}.
	 */
	private static void singleTargetToTargets(ObjectNode doc, String now) {
		ObjectNode oldGateways = object(doc.get("gateways"));
		ObjectNode targets = NODES.objectNode();
		doc.set("targets", targets);
		ObjectNode discovery = NODES.objectNode();
		discovery.put("chap", "");
		discovery.put("chap_mutual", "");
		doc.set("discovery_auth", discovery);
		ObjectNode gateways = NODES.objectNode();
		JsonNode iqn = oldGateways.get("iqn");
		// Python: "if iqn:" - absent or empty means no target was ever defined
		if (iqn != null && iqn.isString() && !iqn.stringValue().isEmpty()) {
			ObjectNode portals = NODES.objectNode();
			for (Map.Entry<String, JsonNode> host : oldGateways.properties()) {
				if (host.getValue() instanceof ObjectNode portal) {
					portal.remove("iqn");
					JsonNode activeLuns = portal.remove("active_luns");
					JsonNode updated = portal.remove("updated");
					JsonNode created = portal.remove("created");
					ObjectNode gateway = NODES.objectNode();
					gateway.set("active_luns", (activeLuns != null) ? activeLuns : NODES.numberNode(0));
					if (truthy(created)) {
						gateway.set("created", created);
					}
					if (truthy(updated)) {
						gateway.set("updated", updated);
					}
					gateways.set(host.getKey(), gateway);
					portals.set(host.getKey(), portal);
				}
			}
			ObjectNode clients = object(doc.get("clients"));
			for (ObjectNode client : objects(clients)) {
				client.remove("created");
				client.remove("updated");
				ObjectNode auth = (client.get("auth") instanceof ObjectNode existing) ? existing
						: client.putObject("auth");
				auth.put("chap_mutual", "");
			}
			ObjectNode groups = object(doc.get("groups"));
			for (ObjectNode group : objects(groups)) {
				group.remove("created");
				group.remove("updated");
			}
			ObjectNode target = NODES.objectNode();
			ArrayNode disks = target.putArray("disks");
			object(doc.get("disks")).propertyNames().forEach(disks::add);
			target.set("clients", clients);
			target.set("portals", portals);
			target.set("groups", groups);
			target.set("controls",
					(doc.get("controls") instanceof ObjectNode controls) ? controls : NODES.objectNode());
			JsonNode ipList = oldGateways.get("ip_list");
			if (ipList != null) {
				target.set("ip_list", ipList);
			}
			// add_item() stamps "created", update_item() then stamps "updated"
			target.put("created", now);
			target.put("updated", now);
			targets.set(iqn.stringValue(), target);
		}
		doc.set("gateways", gateways);
		doc.remove("controls");
		doc.remove("clients");
		doc.remove("groups");
	}

	/**
	 * 6→7: {@code pool.image} ids become {@code pool/image} (every dot replaced, as
	 * {@code str.replace} does); the old id becomes the LIO storage object name.
	 */
	private static void dottedDiskIdsToSlashes(ObjectNode doc, String now) {
		ObjectNode disks = object(doc.get("disks"));
		ObjectNode renamed = NODES.objectNode();
		for (Map.Entry<String, JsonNode> entry : disks.properties()) {
			if (entry.getValue() instanceof ObjectNode disk) {
				disk.put("backstore_object_name", entry.getKey());
				if (!disk.has("created")) {
					disk.put("created", now);
				}
			}
			renamed.set(slashed(entry.getKey()), entry.getValue());
		}
		doc.set("disks", renamed);
		for (ObjectNode target : objects(doc.get("targets"))) {
			JsonNode targetDisks = target.get("disks");
			if (targetDisks != null && targetDisks.isArray()) {
				ArrayNode ids = NODES.arrayNode();
				strings(targetDisks).forEach((id) -> ids.add(slashed(id)));
				target.set("disks", ids);
			}
			for (ObjectNode client : objects(target.get("clients"))) {
				client.set("luns", slashedKeys(client.get("luns")));
			}
			for (ObjectNode group : objects(target.get("groups"))) {
				group.set("disks", slashedKeys(group.get("disks")));
			}
			target.put("updated", now);
		}
	}

	/**
	 * 7→8: {@code "user/password"} CHAP strings are split at the first slash. Client
	 * passwords longer than 16 characters are assumed to be ciphertexts when keys are
	 * installed (ceph-iscsi's own heuristic); discovery passwords never are.
	 */
	private static void splitChapStrings(ObjectNode doc, boolean encryptionAvailable, String now) {
		ObjectNode discovery = (doc.get("discovery_auth") instanceof ObjectNode existing) ? existing
				: doc.putObject("discovery_auth");
		splitChap(discovery, "chap", "username", "password", "password_encryption_enabled", false);
		splitChap(discovery, "chap_mutual", "mutual_username", "mutual_password", "mutual_password_encryption_enabled",
				false);
		for (ObjectNode target : objects(doc.get("targets"))) {
			for (ObjectNode client : objects(target.get("clients"))) {
				ObjectNode auth = (client.get("auth") instanceof ObjectNode existing) ? existing
						: client.putObject("auth");
				splitChap(auth, "chap", "username", "password", "password_encryption_enabled", encryptionAvailable);
				splitChap(auth, "chap_mutual", "mutual_username", "mutual_password",
						"mutual_password_encryption_enabled", encryptionAvailable);
			}
			target.put("updated", now);
		}
	}

	private static void splitChap(ObjectNode auth, String chapKey, String userKey, String passwordKey, String flagKey,
			boolean encryptionAvailable) {
		JsonNode chap = auth.remove(chapKey);
		String text = (chap != null && chap.isString()) ? chap.stringValue() : "";
		int slash = text.indexOf('/');
		String user = (slash >= 0) ? text.substring(0, slash) : "";
		String password = (slash >= 0) ? text.substring(slash + 1) : "";
		auth.put(userKey, user);
		auth.put(passwordKey, password);
		// Python's len() counts code points
		auth.put(flagKey, encryptionAvailable && password.codePointCount(0, password.length()) > 16);
	}

	/**
	 * 9→10: a rolling upgrade. Each gateway renames only its own entries (short name →
	 * FQDN) and records itself in {@code gateways_upgraded}; the list goes away once
	 * every gateway has done so.
	 */
	private static void renameThisGatewayToFqdn(ObjectNode doc, Context context, String now) {
		String shortName = context.shortName();
		String fqdn = context.fqdn();
		JsonNode existing = doc.get("gateways_upgraded");
		List<String> upgraded = (existing != null && existing.isArray()) ? strings(existing) : new ArrayList<>();
		if (!upgraded.contains(fqdn)) {
			ObjectNode gateways = object(doc.get("gateways"));
			renameKey(gateways, shortName, fqdn);
			for (ObjectNode target : objects(doc.get("targets"))) {
				if (renameKey(object(target.get("portals")), shortName, fqdn)) {
					target.put("updated", now);
				}
			}
			for (ObjectNode disk : objects(doc.get("disks"))) {
				if (shortName.equals(text(disk.get("allocating_host")))) {
					disk.put("allocating_host", fqdn);
				}
				if (shortName.equals(text(disk.get("owner")))) {
					disk.put("owner", fqdn);
				}
				// ceph-iscsi calls update_item() for every disk, renamed or not
				disk.put("updated", now);
			}
			upgraded.add(fqdn);
		}
		ArrayNode list = NODES.arrayNode();
		upgraded.forEach(list::add);
		doc.set("gateways_upgraded", list);
		if (upgraded.containsAll(object(doc.get("gateways")).propertyNames())) {
			doc.remove("gateways_upgraded");
		}
	}

	/** Python: {@code value = d.get(old); if value: d.pop(old); d[new] = value}. */
	private static boolean renameKey(ObjectNode object, String from, String to) {
		JsonNode value = object.get(from);
		if (!truthy(value)) {
			return false;
		}
		object.remove(from);
		object.set(to, value);
		return true;
	}

	/**
	 * 10→11: target-level CHAP, and per-target LUN ids: the index of each disk in the
	 * sorted list.
	 */
	private static void addTargetAuthAndLunIds(ObjectNode doc, String now) {
		for (ObjectNode target : objects(doc.get("targets"))) {
			ObjectNode auth = NODES.objectNode();
			auth.put("username", "");
			auth.put("password", "");
			auth.put("password_encryption_enabled", false);
			auth.put("mutual_username", "");
			auth.put("mutual_password", "");
			auth.put("mutual_password_encryption_enabled", false);
			target.set("auth", auth);
			JsonNode oldDisks = target.get("disks");
			List<String> ids = (oldDisks == null) ? new ArrayList<>()
					: oldDisks.isObject() ? new ArrayList<>(oldDisks.propertyNames()) : strings(oldDisks);
			ids.sort(Canonical.KEY_ORDER);
			ObjectNode disks = NODES.objectNode();
			for (int i = 0; i < ids.size(); i++) {
				disks.putObject(ids.get(i)).put("lun_id", i);
			}
			target.set("disks", disks);
			target.put("updated", now);
		}
	}

	private static int setVersion(ObjectNode doc, int version) {
		doc.put("version", version);
		return version;
	}

	private static ObjectNode slashedKeys(JsonNode node) {
		ObjectNode renamed = NODES.objectNode();
		for (Map.Entry<String, JsonNode> entry : object(node).properties()) {
			renamed.set(slashed(entry.getKey()), entry.getValue());
		}
		return renamed;
	}

	private static String slashed(String id) {
		return id.replace('.', '/');
	}

	private static ObjectNode object(JsonNode node) {
		return (node instanceof ObjectNode object) ? object : NODES.objectNode();
	}

	private static List<ObjectNode> objects(JsonNode node) {
		List<ObjectNode> objects = new ArrayList<>();
		if (node instanceof ObjectNode object) {
			for (JsonNode value : object.values()) {
				if (value instanceof ObjectNode element) {
					objects.add(element);
				}
			}
		}
		return objects;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		if (array != null && array.isArray()) {
			for (JsonNode element : array.values()) {
				strings.add(text(element));
			}
		}
		return strings;
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	/** Python truthiness of a JSON value (absent, null, "", 0, {}, [] are false). */
	private static boolean truthy(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return false;
		}
		if (node.isString()) {
			return !node.stringValue().isEmpty();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.doubleValue() != 0;
		}
		return !node.isEmpty();
	}

}
