package io.github.iscsigw.gateway.state;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigCodecTests {

	@Test
	void fullExampleRoundTripsByteForByte() {
		byte[] original = StateFixtures.fullExample();
		ConfigCodec.Parsed parsed = ConfigCodec.read(original, StateFixtures.gw1());
		assertThat(parsed.migrated()).isFalse();
		assertThat(parsed.fromVersion()).isEqualTo(11);
		assertThat(new String(ConfigCodec.write(parsed.config()), StandardCharsets.UTF_8))
			.isEqualTo(new String(original, StandardCharsets.UTF_8));
	}

	@Test
	void fullExampleBindsEveryField() {
		GatewayConfig config = ConfigCodec.read(StateFixtures.fullExample(), StateFixtures.gw1()).config();
		assertThat(config.version()).isEqualTo(11);
		assertThat(config.epoch()).isEqualTo(27);
		assertThat(config.created()).isEqualTo("2024/05/02 09:10:00");
		assertThat(config.discoveryAuth()).isEqualTo(ChapAuth.NONE);
		assertThat(config.gatewaysUpgraded()).isNull();
		assertThat(config.other()).isEmpty();
		Disk disk2 = config.disks().get("rbd/disk_2");
		assertThat(disk2.id()).isEqualTo("rbd/disk_2");
		assertThat(disk2.poolId()).isEqualTo(2);
		assertThat(disk2.owner()).isEqualTo("gw2.example.com");
		assertThat(disk2.allocatingHost()).isEqualTo("gw1.example.com");
		assertThat(disk2.backstoreObjectName()).isEqualTo("rbd.disk_2");
		assertThat(disk2.controls()).containsExactly(Map.entry("max_data_area_mb", IntNode.valueOf(64)));
		assertThat(config.gateways().get("gw2.example.com").activeLuns()).isEqualTo(1);
		Target target = config.targets().get("iqn.2003-01.com.example.iscsi-gw:ceph-igw");
		assertThat(target.aclEnabled()).isTrue();
		assertThat(target.ipList()).containsExactly("192.168.10.11", "192.168.10.12");
		assertThat(target.controls().get("immediate_data").booleanValue()).isFalse();
		assertThat(target.disks()).containsOnlyKeys("rbd/disk_1", "rbd/disk_2");
		assertThat(target.disks().get("rbd/disk_2").lunId()).isEqualTo(1);
		assertThat(target.portals().keySet()).containsExactly("gw1.example.com", "gw2.example.com");
		Portal gw2 = target.portals().get("gw2.example.com");
		assertThat(gw2.portalIpAddresses()).containsExactly("192.168.10.12");
		assertThat(gw2.inactivePortalIps()).containsExactly("192.168.10.11");
		assertThat(gw2.tpgs()).isEqualTo(2);
		Client client = target.clients().get("iqn.1994-05.com.example:client1");
		assertThat(client.groupName()).isEqualTo("group1");
		assertThat(client.auth().password()).isEqualTo("myiscsipassword1");
		assertThat(client.auth().mutualUsername()).isEqualTo("mytargetusername");
		assertThat(client.luns()).isEqualTo(target.groups().get("group1").disks());
		assertThat(target.groups().get("group1").members()).containsExactly("iqn.1994-05.com.example:client1");
	}

	@Test
	void goldenConfigRoundTripsInFlaskPrettyFormat() {
		// GET /api/config of ceph-iscsi 3.5 on old Flask: sorted, 2-space indent,
		// trailing
		// newline - the same document, another physical format
		byte[] golden = StateFixtures.golden();
		assertThat(golden[golden.length - 1]).isEqualTo((byte) '\n');
		GatewayConfig config = ConfigCodec.read(golden, StateFixtures.gw1()).config();
		String pretty = PythonJson.dumps(ConfigCodec.toTree(config), PythonJson.FLASK_PRETTY) + "\n";
		assertThat(pretty).isEqualTo(new String(golden, StandardCharsets.UTF_8));
	}

	@Test
	void goldenConfigWrittenAsConfigObjectRereadsEqual() {
		GatewayConfig config = ConfigCodec.read(StateFixtures.golden(), StateFixtures.gw1()).config();
		byte[] written = ConfigCodec.write(config);
		String text = new String(written, StandardCharsets.US_ASCII);
		assertThat(text).startsWith("{\n    \"created\": \"2026/11/25 12:31:11\",\n").endsWith("\n}");
		assertThat(text).contains("\"inactive_portal_ips\": [],").contains("\"groups\": {},");
		assertThat(ConfigCodec.read(written, StateFixtures.gw1()).config()).isEqualTo(config);
		Disk disk = config.disks().get("rbd/block1");
		assertThat(disk.owner()).isEqualTo("gw1.example.test");
		assertThat(config.targets().get("iqn.2003-01.com.redhat.iscsi-gw:ceph-gw").groups()).isEmpty();
	}

	@Test
	void seedIsTheDocumentOfSection1() {
		Clock clock = Clock.fixed(Instant.parse("2024-05-02T09:14:07Z"), ZoneId.of("Europe/Berlin"));
		GatewayConfig seed = ConfigCodec.seed(clock);
		assertThat(seed.epoch()).isZero();
		assertThat(seed.version()).isEqualTo(GatewayConfig.CURRENT_VERSION);
		String expected = """
				{
				    "created": "2024/05/02 09:14:07",
				    "discovery_auth": {
				        "mutual_password": "",
				        "mutual_password_encryption_enabled": false,
				        "mutual_username": "",
				        "password": "",
				        "password_encryption_enabled": false,
				        "username": ""
				    },
				    "disks": {},
				    "epoch": 0,
				    "gateways": {},
				    "targets": {},
				    "updated": "",
				    "version": 11
				}""";
		assertThat(new String(ConfigCodec.write(seed), StandardCharsets.UTF_8)).isEqualTo(expected);
	}

	@Test
	void unknownKeysSurviveARoundTripAtEveryLevel() {
		ObjectNode tree = (ObjectNode) ConfigCodec.readTree(StateFixtures.fullExample());
		tree.put("zz_top", "top");
		tree.putObject("a_new_section").putArray("list").add(1).add(2.5);
		ObjectNode target = (ObjectNode) tree.get("targets").get("iqn.2003-01.com.example.iscsi-gw:ceph-igw");
		target.put("future_flag", true);
		((ObjectNode) target.get("disks").get("rbd/disk_1")).put("lun_extra", "x");
		((ObjectNode) target.get("portals").get("gw1.example.com")).put("tpg_tag", 1);
		((ObjectNode) target.get("groups").get("group1")).putNull("note");
		ObjectNode client = (ObjectNode) target.get("clients").get("iqn.1994-05.com.example:client1");
		client.put("comment", "Zürich");
		((ObjectNode) client.get("auth")).put("chap", "legacy/value");
		((ObjectNode) tree.get("disks").get("rbd/disk_1")).put("size", 10737418240L);
		((ObjectNode) tree.get("gateways").get("gw1.example.com")).put("api_port", 5000);
		((ObjectNode) tree.get("discovery_auth")).put("method", "CHAP");
		byte[] bytes = PythonJson.dumps(tree, PythonJson.CONFIG_OBJECT).getBytes(StandardCharsets.UTF_8);

		GatewayConfig config = ConfigCodec.read(bytes, StateFixtures.gw1()).config();

		assertThat(config.other()).containsOnlyKeys("a_new_section", "zz_top");
		assertThat(config.targets().get("iqn.2003-01.com.example.iscsi-gw:ceph-igw").other())
			.containsOnlyKeys("future_flag");
		assertThat(ConfigCodec.write(config)).isEqualTo(bytes);
		assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("\"comment\": \"Z\\u00fcrich\"");
	}

	@Test
	void recordsCompareByContentWhateverTheInputOrder() {
		GatewayConfig config = ConfigCodec.read(StateFixtures.fullExample(), StateFixtures.gw1()).config();
		Target target = config.targets().values().iterator().next();
		Target rebuilt = Target.create(target.created())
			.withPortal("gw2.example.com", target.portals().get("gw2.example.com"))
			.withPortal("gw1.example.com", target.portals().get("gw1.example.com"))
			.withDisk("rbd/disk_2", new LunRef(1))
			.withDisk("rbd/disk_1", new LunRef(0))
			.withClients(target.clients())
			.withGroups(target.groups())
			.withControls(Map.of("immediate_data", tools.jackson.databind.node.BooleanNode.FALSE, "cmdsn_depth",
					tools.jackson.databind.node.LongNode.valueOf(64)))
			.withIpList(List.of("192.168.10.11", "192.168.10.12"))
			.withUpdated(target.updated());
		assertThat(rebuilt).isEqualTo(target);
		assertThat(rebuilt.portals().keySet()).containsExactly("gw1.example.com", "gw2.example.com");
	}

	@Test
	void withMethodsReturnNewDocumentsAndCommitBumpsTheEpoch() {
		GatewayConfig seed = GatewayConfig.seed("2024/05/02 09:10:00");
		GatewayConfig changed = seed.withTarget("iqn.2003-01.com.example:t1", Target.create("2024/05/02 09:11:00"))
			.withGateway("gw1.example.com", new Gateway(0, "2024/05/02 09:11:00", "2024/05/02 09:11:00"))
			.committed("2024/05/02 09:11:00");
		assertThat(seed.targets()).isEmpty();
		assertThat(changed.epoch()).isEqualTo(1);
		assertThat(changed.updated()).isEqualTo("2024/05/02 09:11:00");
		String text = new String(ConfigCodec.write(changed), StandardCharsets.UTF_8);
		// a fresh target has no ip_list key (gateway-conf.md §3)
		assertThat(text).contains("\n        \"iqn.2003-01.com.example:t1\": {\n            \"acl_enabled\": true,\n")
			.doesNotContain("ip_list");
		assertThat(changed.withoutTarget("iqn.2003-01.com.example:t1").targets()).isEmpty();
	}

	@Test
	void collectionsAreImmutableCopies() {
		java.util.ArrayList<String> members = new java.util.ArrayList<>(List.of("iqn.1994-05.com.example:a"));
		HostGroup group = new HostGroup(members, Map.of());
		members.add("iqn.1994-05.com.example:b");
		assertThat(group.members()).containsExactly("iqn.1994-05.com.example:a");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> group.disks().put("rbd/x", new LunRef(0)));
	}

	@Test
	void secretsAreRedactedInToString() {
		GatewayConfig config = ConfigCodec.read(StateFixtures.fullExample(), StateFixtures.gw1()).config();
		assertThat(config.toString()).contains("myiscsiusername")
			.doesNotContain("myiscsipassword1")
			.doesNotContain("mytargetsecret12");
	}

	@Test
	void rejectsWhatIsNotADocument() {
		assertThatExceptionOfType(ConfigFormatException.class)
			.isThrownBy(() -> ConfigCodec.read(new byte[0], StateFixtures.gw1()))
			.withMessageContaining("empty");
		assertThatExceptionOfType(ConfigFormatException.class)
			.isThrownBy(() -> ConfigCodec.read("{\"version\": 11, ".getBytes(), StateFixtures.gw1()));
		assertThatExceptionOfType(ConfigFormatException.class)
			.isThrownBy(() -> ConfigCodec.read("[1]".getBytes(), StateFixtures.gw1()));
		assertThatExceptionOfType(ConfigFormatException.class)
			.isThrownBy(() -> ConfigCodec.read("{\"epoch\": 1}".getBytes(), StateFixtures.gw1()))
			.withMessageContaining("version");
		assertThatExceptionOfType(ConfigFormatException.class).isThrownBy(() -> ConfigCodec.read(
				"{\"version\": 11, \"disks\": {\"rbd/a\": {\"pool_id\": \"secret-ish\"}}}".getBytes(),
				StateFixtures.gw1()))
			.withMessageNotContaining("secret-ish");
	}

}
