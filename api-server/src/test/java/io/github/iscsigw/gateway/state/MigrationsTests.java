package io.github.iscsigw.gateway.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each step from the fixture of its source version to the fixture of its target version.
 * The inputs {@code v2.json} and {@code v3.json} are hand-written documents of those
 * versions; every other fixture is what ceph-iscsi 3.5's own
 * {@code Config._upgrade_config} produced from them (RADOS stubbed, clock fixed), see
 * {@code src/test/resources/state/migrations/README.md}. Documents are compared as the
 * bytes ceph-iscsi would write.
 */
class MigrationsTests {

	/**
	 * gw1 of the fixtures, with the CHAP key pair installed, at
	 * {@link StateFixtures#NOW}.
	 */
	private static final Migrations.Context GW1 = new Migrations.Context("gw1", "gw1.example.com", true,
			StateFixtures.CLOCK);

	/**
	 * gw1 while running the step from version {@code from}: the step fixtures were made
	 * at 12:{@code from}:00 so that each step's own timestamps are visible.
	 */
	private static Migrations.Context gw1Step(int from, boolean keys) {
		Clock clock = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z").plusSeconds(60L * from), ZoneOffset.UTC);
		return new Migrations.Context("gw1", "gw1.example.com", keys, clock);
	}

	@Test
	void upTo2AddsTopLevelGroups() {
		assertStep("v2.json", 3, gw1Step(2, true), "v3-from-v2.json");
	}

	@Test
	void v3SingleTargetLayoutBecomesTargets() {
		JsonNode v4 = assertStep("v3.json", 4, gw1Step(3, true), "v4.json");
		JsonNode target = v4.get("targets").get("iqn.2003-01.com.redhat.iscsi-gw:ceph-igw");
		assertThat(target.get("disks")).hasSize(3);
		assertThat(v4.get("gateways").get("gw1").get("active_luns").intValue()).isEqualTo(2);
		assertThat(target.get("portals").get("gw1").has("iqn")).isFalse();
		assertThat(v4.has("clients")).isFalse();
	}

	@Test
	void v3WithoutTargetKeepsNoGateways() {
		String v3 = "{\"clients\": {}, \"disks\": {}, \"gateways\": {}, \"groups\": {}, \"epoch\": 1, \"version\": 3}";
		JsonNode v4 = Migrations.upgrade(ConfigCodec.readTree(v3.getBytes(StandardCharsets.UTF_8)), GW1, 4).document();
		assertThat(PythonJson.dumps(v4, PythonJson.FLASK_COMPACT)).isEqualTo(
				"{\"discovery_auth\":{\"chap\":\"\",\"chap_mutual\":\"\"},\"disks\":{},\"epoch\":1,\"gateways\":{},\"targets\":{},\"version\":4}");
	}

	@Test
	void v4DisksGetTheUserRbdBackstore() {
		assertStep("v4.json", 5, gw1Step(4, true), "v5.json");
	}

	@Test
	void v5TargetsGetAclsEnabled() {
		assertStep("v5.json", 6, gw1Step(5, true), "v6.json");
	}

	@Test
	void v6DiskIdsUseSlashesAndKeepTheOldIdAsObjectName() {
		JsonNode v7 = assertStep("v6.json", 7, gw1Step(6, true), "v7.json");
		// every dot is replaced, also the one inside the image name (a ceph-iscsi quirk)
		assertThat(v7.get("disks").get("rbd/disk/2").get("backstore_object_name").stringValue())
			.isEqualTo("rbd.disk.2");
	}

	@Test
	void v7ChapStringsAreSplitAndLongPasswordsAssumedEncryptedWhenKeysExist() {
		assertStep("v7.json", 8, gw1Step(7, true), "v8.json");
	}

	@Test
	void v7LongPasswordsStayPlainWithoutKeys() {
		assertStep("v7.json", 8, gw1Step(7, false), "v8-without-keys.json");
	}

	@Test
	void v8PortalAddressesBecomeLists() {
		assertStep("v8.json", 9, gw1Step(8, true), "v9.json");
	}

	@Test
	void v9RenamesOnlyThisGatewayToItsFqdnAndRecordsIt() {
		JsonNode v10 = assertStep("v9.json", 10, gw1Step(9, true), "v10.json");
		assertThat(v10.get("gateways").propertyNames()).containsExactlyInAnyOrder("gw1.example.com", "gw2");
		assertThat(v10.get("gateways_upgraded").get(0).stringValue()).isEqualTo("gw1.example.com");
	}

	@Test
	void v10TargetsGetAuthAndLunIdsFromTheSortedDiskList() {
		JsonNode v11 = assertStep("v10.json", 11, gw1Step(10, true), "v11.json");
		JsonNode disks = v11.get("targets").get("iqn.2003-01.com.redhat.iscsi-gw:ceph-igw").get("disks");
		assertThat(disks.get("rbd/disk/2").get("lun_id").intValue()).isZero();
		assertThat(disks.get("ssd/scratch").get("lun_id").intValue()).isEqualTo(2);
	}

	@Test
	void theLastGatewayToRenameItselfEndsTheRollingUpgrade() {
		Clock later = Clock.fixed(Instant.parse("2024-06-02T08:30:00Z"), ZoneOffset.UTC);
		Migrations.Context gw2 = new Migrations.Context("gw2", "gw2.example.com", true, later);
		Migrations.Result result = Migrations.upgrade(fixture("v11.json"), gw2);
		assertThat(result.migrated()).isTrue();
		assertThat(result.fromVersion()).isEqualTo(11);
		assertThat(dump(result.document())).isEqualTo(text("v11-after-gw2.json"));
		assertThat(result.document().has("gateways_upgraded")).isFalse();
	}

	@Test
	void aGatewayAlreadyRenamedDoesNothing() {
		Migrations.Result result = Migrations.upgrade(fixture("v11.json"), GW1);
		assertThat(result.migrated()).isFalse();
		assertThat(dump(result.document())).isEqualTo(text("v11.json"));
	}

	@Test
	void fullChainFromV3ReadsAsAVersion11Document(@TempDir Path keys) throws Exception {
		ConfigCodec.Parsed parsed = ConfigCodec.read(StateFixtures.bytes("migrations/v3.json"), GW1);
		assertThat(parsed.migrated()).isTrue();
		assertThat(parsed.fromVersion()).isEqualTo(3);
		GatewayConfig config = parsed.config();
		assertThat(new String(ConfigCodec.write(config), StandardCharsets.UTF_8)).isEqualTo(text("v11-from-v3.json"));
		assertThat(config.version()).isEqualTo(11);
		assertThat(config.epoch()).isEqualTo(42);
		assertThat(config.gatewaysUpgraded()).containsExactly("gw1.example.com");
		Target target = config.targets().get("iqn.2003-01.com.redhat.iscsi-gw:ceph-igw");
		assertThat(target.aclEnabled()).isTrue();
		assertThat(target.auth()).isEqualTo(ChapAuth.NONE);
		assertThat(target.portals().get("gw1.example.com").portalIpAddresses()).containsExactly("10.0.0.1");
		assertThat(config.disks().get("ssd/scratch").backstore()).isEqualTo(Disk.USER_RBD);
		// the python-crypto ciphertext of the v3 "user/password" string is usable as such
		Files.write(keys.resolve("k"), StateFixtures.bytes("keys/iscsi-gateway.key"));
		Files.write(keys.resolve("p"), StateFixtures.bytes("keys/iscsi-gateway-pub.key"));
		ChapAuth auth = target.clients().get("iqn.1994-05.com.redhat:rh7-client2").auth();
		assertThat(auth.username()).isEqualTo("client2user");
		assertThat(auth.passwordEncryptionEnabled()).isTrue();
		assertThat(ChapCipher.inDirectory(keys, "k", "p").decrypt(auth.password())).isEqualTo("legacypassword01");
	}

	@Test
	void fullChainFromV2() {
		Migrations.Result result = Migrations.upgrade(fixture("v2.json"), GW1);
		assertThat(result.fromVersion()).isEqualTo(2);
		assertThat(dump(result.document())).isEqualTo(text("v11-from-v2.json"));
		GatewayConfig config = ConfigCodec.fromTree(result.document());
		assertThat(config.targets()).containsOnlyKeys("iqn.2003-01.com.redhat.iscsi-gw:vmware");
		assertThat(config.gatewaysUpgraded()).isNull();
	}

	@Test
	void neverChangesItsInput() {
		JsonNode v3 = fixture("v3.json");
		JsonNode copy = v3.deepCopy();
		Migrations.upgrade(v3, GW1);
		assertThat(v3).isEqualTo(copy);
	}

	@Test
	void rejectsDocumentsWithoutVersion() {
		assertThatExceptionOfType(ConfigFormatException.class)
			.isThrownBy(() -> Migrations.upgrade(ConfigCodec.readTree("{\"version\": \"9\"}".getBytes()), GW1));
	}

	private static JsonNode assertStep(String from, int to, Migrations.Context context, String expected) {
		JsonNode input = fixture(from);
		Migrations.Result result = Migrations.upgrade(input, context, to);
		assertThat(result.migrated()).isTrue();
		assertThat(result.fromVersion()).isEqualTo(Migrations.version(input));
		assertThat(result.document().get("version").intValue()).isEqualTo(to);
		assertThat(dump(result.document())).isEqualTo(text(expected));
		return result.document();
	}

	private static JsonNode fixture(String name) {
		return ConfigCodec.readTree(StateFixtures.bytes("migrations/" + name));
	}

	private static String text(String name) {
		return new String(StateFixtures.bytes("migrations/" + name), StandardCharsets.UTF_8);
	}

	private static String dump(JsonNode document) {
		return PythonJson.dumps(document, PythonJson.CONFIG_OBJECT);
	}

}
