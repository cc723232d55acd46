package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import io.github.iscsigw.ceph.image.FileImageStore;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.DiscoveryAuth;
import io.github.iscsigw.lio.model.FileioBackstore;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.Lun;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NetworkPortal;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.UserBackstore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

import static io.github.iscsigw.gateway.reconcile.ReconcileFixtures.EXAMPLE_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table tests of the desired-state derivation against lio-layout.md.
 */
class DesiredStateTests {

	static final String GW1 = "gw1.example.com";

	static final String GW2 = "gw2.example.com";

	static final String CLIENT = "iqn.1994-05.com.example:client1";

	static final long SIZE1 = 1073741824L;

	static final long SIZE2 = 2147483648L;

	static final Map<String, Long> SIZES = Map.of("rbd/disk_1", SIZE1, "rbd/disk_2", SIZE2);

	static final Map<String, String> PARAMS = params("No");

	@TempDir
	Path dir;

	static Map<String, String> params(String immediateData) {
		Map<String, String> p = new TreeMap<>();
		p.put("ImmediateData", immediateData);
		p.put("InitialR2T", "Yes");
		p.put("MaxOutstandingR2T", "1");
		p.put("FirstBurstLength", "262144");
		p.put("MaxBurstLength", "524288");
		p.put("MaxRecvDataSegmentLength", "262144");
		p.put("MaxXmitDataSegmentLength", "262144");
		return p;
	}

	static Map<String, String> tpgAttributes(boolean local, boolean authentication) {
		return Map.of("authentication", authentication ? "1" : "0", "tpg_enabled_sendtargets", local ? "1" : "0",
				"generate_node_acls", "0", "demo_mode_write_protect", "1");
	}

	static DesiredState.Result derive(GatewayConfig config, String gateway) {
		return DesiredState.of(config, gateway, ReconcileFixtures.rbd(SIZES));
	}

	/** lio-layout.md §10: gateway gw1 of the gateway-conf.md §3 example, node by node. */
	@Test
	void exampleGatewayGw1() {
		DesiredState.Result result = derive(ReconcileFixtures.example(), GW1);
		assertThat(result.problems()).isEmpty();

		StorageObject disk1 = new StorageObject("rbd.disk_1",
				new UserBackstore("rbd/rbd/disk_1;osd_op_timeout=30", SIZE1, 8, 1024),
				"0e7b8f4c-2f47-4c4e-9a51-4f1d0cbb3c21", Map.of("cmd_time_out", "0", "qfull_time_out", "5"),
				List.of(AluaGroup.cephIscsi(1, true, false, 30), AluaGroup.cephIscsi(2, false, false, 30)), true);
		StorageObject disk2 = new StorageObject("rbd.disk_2",
				new UserBackstore("rbd/rbd/disk_2;osd_op_timeout=30", SIZE2, 64, 1024),
				"5a0c1d2e-88b3-4d6f-b1e2-7c9a3f6d8e04", Map.of("cmd_time_out", "0", "qfull_time_out", "5"),
				List.of(AluaGroup.cephIscsi(1, false, false, 30), AluaGroup.cephIscsi(2, true, false, 30)), true);
		NodeAcl acl = new NodeAcl(CLIENT,
				new Chap("myiscsiusername", "myiscsipassword1", "mytargetusername", "mytargetsecret12"),
				Map.of("dataout_timeout", "20", "nopin_response_timeout", "5", "nopin_timeout", "5"), 64,
				List.of(new MappedLun(0, 0, false), new MappedLun(1, 1, false)));
		Tpg tpg1 = new Tpg(1, true, tpgAttributes(true, true), PARAMS, Chap.NONE,
				List.of(NetworkPortal.of("192.168.10.11")), List.of(new Lun(0, BackstoreType.USER, "rbd.disk_1", "ao"),
						new Lun(1, BackstoreType.USER, "rbd.disk_2", "ano1")),
				List.of(acl));
		Tpg tpg2 = new Tpg(2, false, tpgAttributes(false, false), PARAMS, null,
				List.of(NetworkPortal.of("192.168.10.12")),
				List.of(new Lun(0, BackstoreType.USER, "rbd.disk_1", "ano2"),
						new Lun(1, BackstoreType.USER, "rbd.disk_2", "ao")),
				List.of());
		LioConfig expected = new LioConfig(List.of(disk1, disk2),
				List.of(new io.github.iscsigw.lio.model.Target(EXAMPLE_TARGET, List.of(tpg1, tpg2))),
				DiscoveryAuth.NONE, null);
		assertThat(result.lio()).isEqualTo(expected);
	}

	/** The ALUA values §10 spells out (implicit mode, global osd_op_timeout 30 → 45). */
	@Test
	void exampleAluaGroupsHaveTheSpecValues() {
		LioConfig lio = derive(ReconcileFixtures.example(), GW1).lio();
		AluaGroup ao = lio.storageObjects().get(0).aluaGroup("ao");
		assertThat(ao.id()).isEqualTo(1);
		assertThat(ao.attributes()).containsEntry("alua_access_state", "0")
			.containsEntry("alua_access_type", "1")
			.containsEntry("implicit_trans_secs", "45")
			.containsEntry("alua_support_active_optimized", "1")
			.containsEntry("alua_support_active_nonoptimized", "1")
			.containsEntry("alua_support_offline", "0")
			.containsEntry("alua_support_unavailable", "0")
			.containsEntry("alua_support_transitioning", "1")
			.containsEntry("nonop_delay_msecs", "0");
		AluaGroup ano2 = lio.storageObjects().get(0).aluaGroup("ano2");
		assertThat(ano2.id()).isEqualTo(2);
		assertThat(ano2.attributes()).containsEntry("alua_access_state", "1")
			.containsEntry("implicit_trans_secs", "45");
		assertThat(lio.storageObjects().get(1).aluaGroups()).extracting(AluaGroup::name, AluaGroup::id)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ano1", 1),
					org.assertj.core.groups.Tuple.tuple("ao", 2));
	}

	/** §10: on gw2 the tree is the mirror image, with the same ALUA names and ids. */
	@Test
	void exampleGatewayGw2IsTheMirrorImage() {
		LioConfig gw1 = derive(ReconcileFixtures.example(), GW1).lio();
		LioConfig gw2 = derive(ReconcileFixtures.example(), GW2).lio();
		assertThat(gw2.storageObjects()).isEqualTo(gw1.storageObjects());
		Tpg tpg1 = gw2.target(EXAMPLE_TARGET).tpg(1);
		Tpg tpg2 = gw2.target(EXAMPLE_TARGET).tpg(2);
		assertThat(tpg1.enabled()).isFalse();
		assertThat(tpg1.portals()).containsExactly(NetworkPortal.of("192.168.10.11"));
		assertThat(tpg1.attributes()).isEqualTo(tpgAttributes(false, false));
		assertThat(tpg1.acls()).isEmpty();
		assertThat(tpg1.chap()).isNull();
		assertThat(tpg2.enabled()).isTrue();
		assertThat(tpg2.portals()).containsExactly(NetworkPortal.of("192.168.10.12"));
		assertThat(tpg2.attributes()).isEqualTo(tpgAttributes(true, true));
		assertThat(tpg2.acls()).extracting(NodeAcl::initiator).containsExactly(CLIENT);
		assertThat(tpg2.luns()).extracting(Lun::aluaGroup).containsExactly("ano2", "ao");
		assertThat(tpg1.luns()).extracting(Lun::aluaGroup).containsExactly("ao", "ano1");
	}

	/** §2: the dev_config string, per-disk controls and the conf=/id= rules. */
	@Test
	void devConfigAndDiskControls() {
		GatewayConfig config = withDisk(ReconcileFixtures.example(), "rbd/disk_1",
				(d) -> d.withControls(Map.of("osd_op_timeout", IntNode.valueOf(60), "qfull_timeout",
						IntNode.valueOf(10), "hw_max_sectors", IntNode.valueOf(256))));
		record Case(Map<String, String> settings, String devConfig) {
		}
		List<Case> cases = List.of(new Case(Map.of(), "rbd/rbd/disk_1;osd_op_timeout=60"),
				new Case(Map.of("cluster_client_name", "client.iscsi.gw1"),
						"rbd/rbd/disk_1;osd_op_timeout=60;id=iscsi.gw1"),
				new Case(Map.of("cluster_name", "backup"),
						"rbd/rbd/disk_1;osd_op_timeout=60;conf=/etc/ceph/backup.conf"),
				new Case(Map.of("ceph_config_dir", "/srv/ceph", "cluster_client_name", "client.igw"),
						"rbd/rbd/disk_1;osd_op_timeout=60;conf=/srv/ceph/ceph.conf;id=igw"));
		for (Case c : cases) {
			GatewaySettings settings = ReconcileFixtures.settings(c.settings());
			StorageObject so = DesiredState
				.of(config, GW1,
						new DesiredState.Inputs(settings, DiskBacking.rbd(), SIZES, DesiredState.PasswordReveal.PLAIN))
				.lio()
				.storageObjects()
				.get(0);
			assertThat(so.backstore()).as("%s", c.settings())
				.isEqualTo(new UserBackstore(c.devConfig(), SIZE1, 8, 256));
			assertThat(so.attributes()).isEqualTo(Map.of("cmd_time_out", "0", "qfull_time_out", "10"));
			// implicit_trans_secs follows the global osd_op_timeout, not the disk's
			assertThat(so.aluaGroup("ao").attributes()).containsEntry("implicit_trans_secs", "45");
		}
	}

	/**
	 * §2/§3: [target] defaults from iscsi-gateway.cfg apply to disks without overrides.
	 */
	@Test
	void globalDiskDefaultsComeFromTheSettings() {
		GatewaySettings settings = ReconcileFixtures
			.settings(Map.of("max_data_area_mb", "16", "osd_op_timeout", "20", "qfull_timeout", "7"));
		LioConfig lio = DesiredState
			.of(ReconcileFixtures.example(), GW1,
					new DesiredState.Inputs(settings, DiskBacking.rbd(), SIZES, DesiredState.PasswordReveal.PLAIN))
			.lio();
		StorageObject disk1 = lio.storageObjects().get(0);
		assertThat(disk1.backstore()).isEqualTo(new UserBackstore("rbd/rbd/disk_1;osd_op_timeout=20", SIZE1, 16, 1024));
		assertThat(disk1.attributes()).containsEntry("qfull_time_out", "7");
		assertThat(disk1.aluaGroup("ao").attributes()).containsEntry("implicit_trans_secs", "35");
		// disk_2 keeps its own max_data_area_mb override
		assertThat(((UserBackstore) lio.storageObjects().get(1).backstore()).maxDataAreaMb()).isEqualTo(64);
	}

	/** §3: alua_failover_type = explicit gives ao + standby<t>. */
	@Test
	void explicitAlua() {
		LioConfig lio = DesiredState
			.of(ReconcileFixtures.example(), GW1,
					new DesiredState.Inputs(ReconcileFixtures.settings(Map.of("alua_failover_type", "explicit")),
							DiskBacking.rbd(), SIZES, DesiredState.PasswordReveal.PLAIN))
			.lio();
		StorageObject disk1 = lio.storageObjects().get(0);
		assertThat(disk1.aluaGroups()).extracting(AluaGroup::name).containsExactly("ao", "standby2");
		assertThat(disk1.aluaGroup("ao").attributes()).containsEntry("alua_access_type", "3")
			.containsEntry("alua_access_state", "2")
			.containsEntry("preferred", "1")
			.containsEntry("alua_support_standby", "1");
		assertThat(disk1.aluaGroup("standby2").attributes()).containsEntry("alua_access_type", "3")
			.containsEntry("alua_access_state", "2")
			.doesNotContainKey("preferred");
		assertThat(lio.target(EXAMPLE_TARGET).tpg(2).luns()).extracting(Lun::aluaGroup)
			.containsExactly("standby2", "ao");
	}

	/** §4.3: target controls go to param/* of every TPG, Yes/No capitalised. */
	@Test
	void targetControlsBecomeTpgParametersAndAclAttributes() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(),
				(t) -> t.withControls(Map.of("immediate_data", BooleanNode.TRUE, "initial_r2t", BooleanNode.FALSE,
						"max_burst_length", IntNode.valueOf(1048576), "dataout_timeout", IntNode.valueOf(30),
						"nopin_timeout", IntNode.valueOf(10), "cmdsn_depth", IntNode.valueOf(256))));
		io.github.iscsigw.lio.model.Target target = derive(config, GW1).lio().target(EXAMPLE_TARGET);
		for (Tpg tpg : target.tpgs()) {
			assertThat(tpg.parameters()).containsEntry("ImmediateData", "Yes")
				.containsEntry("InitialR2T", "No")
				.containsEntry("MaxBurstLength", "1048576")
				.containsEntry("FirstBurstLength", "262144")
				.hasSize(7);
		}
		NodeAcl acl = target.tpg(1).acls().get(0);
		assertThat(acl.attributes())
			.isEqualTo(Map.of("dataout_timeout", "30", "nopin_response_timeout", "5", "nopin_timeout", "10"));
		assertThat(acl.cmdsnDepth()).isEqualTo(256);
	}

	/** §4.4/§6: demo mode with target-level CHAP. */
	@Test
	void demoModeWithTargetChap() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(),
				(t) -> t.withClients(Map.of())
					.withGroups(Map.of())
					.withAclEnabled(false)
					.withAuth(new ChapAuth("tuser", "tpassword123", false, "", "", false)));
		io.github.iscsigw.lio.model.Target target = derive(config, GW1).lio().target(EXAMPLE_TARGET);
		Tpg own = target.tpg(1);
		assertThat(own.chap()).isEqualTo(Chap.of("tuser", "tpassword123"));
		assertThat(own.acls()).isEmpty();
		assertThat(own.attributes()).containsEntry("authentication", "1")
			.containsEntry("generate_node_acls", "1")
			.containsEntry("demo_mode_write_protect", "0");
		assertThat(target.tpg(2).attributes()).containsEntry("authentication", "0")
			.containsEntry("generate_node_acls", "1")
			.containsEntry("demo_mode_write_protect", "0");
		assertThat(target.tpg(2).chap()).isNull();
	}

	/** §5.2 step 4: no CHAP anywhere → authentication 0. */
	@Test
	void noChapMeansNoAuthentication() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(),
				(t) -> t.withClient(CLIENT, t.clients().get(CLIENT).withAuth(ChapAuth.NONE)));
		Tpg own = derive(config, GW1).lio().target(EXAMPLE_TARGET).tpg(1);
		assertThat(own.attributes()).containsEntry("authentication", "0");
		assertThat(own.acls().get(0).chap()).isEqualTo(Chap.NONE);
	}

	/** §5.3: a host-group member gets the group's disks with the group's ids. */
	@Test
	void hostGroupMembersGetTheGroupsDisks() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(),
				(t) -> t.withClient(CLIENT, t.clients().get(CLIENT).withLuns(Map.of()))
					.withClient("iqn.1994-05.com.example:client2", Client.NEW.withGroupName("group1"))
					.withGroup("group1", new HostGroup(List.of(CLIENT, "iqn.1994-05.com.example:client2"),
							Map.of("rbd/disk_1", new LunRef(5), "rbd/disk_2", new LunRef(1)))));
		Tpg own = derive(config, GW1).lio().target(EXAMPLE_TARGET).tpg(1);
		assertThat(own.acls()).hasSize(2);
		for (NodeAcl acl : own.acls()) {
			assertThat(acl.mappedLuns()).as(acl.initiator())
				.containsExactly(new MappedLun(1, 1, false), new MappedLun(5, 0, false));
		}
	}

	/** §5.2: a client's LUN id may differ from the target LUN id. */
	@Test
	void clientLunIdsAreTheClients() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(),
				(t) -> t.withGroups(Map.of())
					.withClient(CLIENT,
							t.clients()
								.get(CLIENT)
								.withGroupName("")
								.withLuns(Map.of("rbd/disk_2", new LunRef(0), "rbd/disk_9", new LunRef(3)))));
		DesiredState.Result result = derive(config, GW1);
		NodeAcl acl = result.lio().target(EXAMPLE_TARGET).tpg(1).acls().get(0);
		assertThat(acl.mappedLuns()).containsExactly(new MappedLun(0, 1, false));
		assertThat(result.problems()).anyMatch((p) -> p.contains("rbd/disk_9") && p.contains("not exported"));
	}

	/** Embedded mode: fileio over the image store's files, same layout. */
	@Test
	void fileioBackingUsesTheEmbeddedImageFiles() {
		Path images = this.dir.resolve("images");
		DesiredState.Result result = DesiredState.of(ReconcileFixtures.example(), GW1, new DesiredState.Inputs(
				ReconcileFixtures.settings(), DiskBacking.fileio(images), SIZES, DesiredState.PasswordReveal.PLAIN));
		LioConfig rbd = derive(ReconcileFixtures.example(), GW1).lio();
		StorageObject so = result.lio().storageObjects().get(0);
		Path expectedFile = new FileImageStore(images, "rbd").dataFile("rbd", "disk_1");
		assertThat(so.backstore()).isEqualTo(new FileioBackstore(expectedFile.toString(), SIZE1, false));
		assertThat(so.attributes()).isEmpty();
		assertThat(so.wwn()).isEqualTo(rbd.storageObjects().get(0).wwn());
		assertThat(so.aluaGroups()).isEqualTo(rbd.storageObjects().get(0).aluaGroups());
		assertThat(result.lio().target(EXAMPLE_TARGET).tpg(1).luns()).containsExactly(
				new Lun(0, BackstoreType.FILEIO, "rbd.disk_1", "ao"),
				new Lun(1, BackstoreType.FILEIO, "rbd.disk_2", "ano1"));
		assertThat(result.lio().target(EXAMPLE_TARGET).tpg(1).acls())
			.isEqualTo(rbd.target(EXAMPLE_TARGET).tpg(1).acls());
	}

	/** 3.6+: a disk whose image is gone is skipped (with its LUNs and mappings). */
	@Test
	void diskWithoutImageIsLeftOut() {
		DesiredState.Result result = DesiredState.of(ReconcileFixtures.example(), GW1,
				ReconcileFixtures.rbd(Map.of("rbd/disk_1", SIZE1)));
		assertThat(result.lio().storageObjects()).extracting(StorageObject::name).containsExactly("rbd.disk_1");
		for (Tpg tpg : result.lio().target(EXAMPLE_TARGET).tpgs()) {
			assertThat(tpg.luns()).extracting(Lun::id).containsExactly(0);
		}
		assertThat(result.lio().target(EXAMPLE_TARGET).tpg(1).acls().get(0).mappedLuns())
			.containsExactly(new MappedLun(0, 0, false));
		assertThat(result.problems()).containsExactly("disk rbd/disk_2 left out: image rbd/disk_2 not found");
		result.lio().validateReferences();
	}

	/** A disk still being registered (empty wwn) is not exported yet. */
	@Test
	void diskWithoutWwnIsLeftOut() {
		GatewayConfig config = withDisk(ReconcileFixtures.example(), "rbd/disk_2", (d) -> d.withWwn(""));
		DesiredState.Result result = derive(config, GW1);
		assertThat(result.lio().storageObjects()).extracting(StorageObject::name).containsExactly("rbd.disk_1");
		assertThat(result.problems()).containsExactly("disk rbd/disk_2 left out: no wwn yet");
	}

	/** Targets this gateway is not a portal of are not on this gateway. */
	@Test
	void otherGatewaysTargetsAreNotHere() {
		DesiredState.Result result = derive(ReconcileFixtures.example(), "gw3.example.com");
		assertThat(result.lio().targets()).isEmpty();
		assertThat(result.lio().storageObjects()).isEmpty();
		assertThat(result.lio().discoveryAuth()).isEqualTo(DiscoveryAuth.NONE);
	}

	/** §6: discovery CHAP, enforced when a user name is set. */
	@Test
	void discoveryAuth() {
		GatewayConfig config = ReconcileFixtures.example()
			.withDiscoveryAuth(new ChapAuth("duser", "dpassword12", false, "muser", "mpassword12", false));
		assertThat(derive(config, GW1).lio().discoveryAuth())
			.isEqualTo(new DiscoveryAuth(new Chap("duser", "dpassword12", "muser", "mpassword12"), true));
	}

	/** gateway-conf.md §4: encrypted passwords are decrypted with the key pair. */
	@Test
	void encryptedPasswordsAreDecrypted() throws Exception {
		Files.write(this.dir.resolve("iscsi-gateway.key"), ReconcileFixtures.bytes("keys/iscsi-gateway.key"));
		Files.write(this.dir.resolve("iscsi-gateway-pub.key"), ReconcileFixtures.bytes("keys/iscsi-gateway-pub.key"));
		ChapCipher cipher = ChapCipher.inDirectory(this.dir, "iscsi-gateway.key", "iscsi-gateway-pub.key");
		String encrypted = "gSIgdn9WcIHsFLKvc7aQkQxK5xAyy8WiSpb3Qnjc3bf9/n5iEVFXzeSFDIfOqEi0UbHiH/3/gy2obrTUYOwXadnShWZmXMlZGH7dVc/Lyg972NUxvU7lUUrZBBUGvIkbSlLWiQmu3Zao6vVFknEWut9Snc9bbw02qzfABVwgdgQ=";
		GatewayConfig config = withTarget(ReconcileFixtures.example(), (t) -> t.withClient(CLIENT,
				t.clients().get(CLIENT).withAuth(new ChapAuth("myiscsiusername", encrypted, true, "", "", false))));
		DesiredState.Result result = DesiredState.of(config, GW1,
				new DesiredState.Inputs(ReconcileFixtures.settings(), DiskBacking.rbd(), SIZES, cipher::reveal));
		assertThat(result.lio().target(EXAMPLE_TARGET).tpg(1).acls().get(0).chap())
			.isEqualTo(Chap.of("myiscsiusername", "myiscsipassword1"));
		// without the key the CHAP values are left alone, and it is said
		DesiredState.Result noKey = derive(config, GW1);
		assertThat(noKey.lio().target(EXAMPLE_TARGET).tpg(1).acls().get(0).chap()).isNull();
		assertThat(noKey.problems()).containsExactly("client " + CLIENT + " of " + EXAMPLE_TARGET
				+ ": CHAP password cannot be decrypted; CHAP left as it is");
		assertThat(noKey.problems().toString()).doesNotContain(encrypted);
		// and authentication is not switched off on a guess
		assertThat(noKey.lio().target(EXAMPLE_TARGET).tpg(1).attributes()).doesNotContainKey("authentication");
		assertThat(noKey.lio().target(EXAMPLE_TARGET).tpg(2).attributes()).containsEntry("authentication", "0");
	}

	/**
	 * §4.2: several IPs of one gateway make one TPG with several portals; IPv6 portals;
	 * TPG tags follow ip_list order, not the gateways' names.
	 */
	@Test
	void tpgsFollowIpListOrder() {
		List<String> ips = List.of("192.168.10.12", "192.168.10.11", "fd00::11");
		GatewayConfig config = withTarget(ReconcileFixtures.example(), (t) -> t.withIpList(ips)
			.withPortal(GW1, new Portal(List.of("192.168.10.11", "fd00::11"), ips, List.of("192.168.10.12"), 2))
			.withPortal(GW2, new Portal(List.of("192.168.10.12"), ips, List.of("192.168.10.11", "fd00::11"), 2)));
		io.github.iscsigw.lio.model.Target target = derive(config, GW1).lio().target(EXAMPLE_TARGET);
		assertThat(target.tpgs()).extracting(Tpg::tag).containsExactly(1, 2);
		assertThat(target.tpg(1).enabled()).isFalse();
		assertThat(target.tpg(1).portals()).containsExactly(NetworkPortal.of("192.168.10.12"));
		assertThat(target.tpg(2).enabled()).isTrue();
		assertThat(target.tpg(2).portals()).containsExactly(NetworkPortal.of("192.168.10.11"),
				NetworkPortal.of("fd00::11"));
		assertThat(target.tpg(2).portals().get(1).dirName()).isEqualTo("[fd00::11]:3260");
		// disk_1 is owned by gw1, whose TPG is now 2
		assertThat(target.tpg(2).luns().get(0).aluaGroup()).isEqualTo("ao");
		assertThat(target.tpg(1).luns().get(0).aluaGroup()).isEqualTo("ano1");
	}

	/** A target without portals yet (no ip_list) has no TPG anywhere. */
	@Test
	void targetWithoutIpListHasNoTpgs() {
		GatewayConfig config = withTarget(ReconcileFixtures.example(), (t) -> t.withIpList(null));
		assertThat(derive(config, GW1).lio().target(EXAMPLE_TARGET).tpgs()).isEmpty();
	}

	static GatewayConfig withTarget(GatewayConfig config, UnaryOperator<Target> change) {
		return config.withTarget(EXAMPLE_TARGET, change.apply(config.targets().get(EXAMPLE_TARGET)));
	}

	static GatewayConfig withDisk(GatewayConfig config, String id, UnaryOperator<Disk> change) {
		return config.withDisk(id, change.apply(config.disks().get(id)));
	}

}
