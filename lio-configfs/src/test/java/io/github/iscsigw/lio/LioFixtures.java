package io.github.iscsigw.lio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.UserBackstore;

/**
 * Named configurations for tests (and for other modules' tests through the test-jar).
 */
public final class LioFixtures {

	public static final String TARGET = "iqn.2003-01.com.example.iscsi-gw:ceph-igw";

	public static final String CLIENT = "iqn.1994-05.com.example:client1";

	public static final String CLIENT2 = "iqn.1994-05.com.example:client2";

	private LioFixtures() {
	}

	/** ceph-iscsi's target controls as TPG parameters (lio-layout.md §4.3 defaults). */
	public static Map<String, String> cephParameters() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("ImmediateData", "Yes");
		p.put("InitialR2T", "Yes");
		p.put("MaxOutstandingR2T", "1");
		p.put("FirstBurstLength", "262144");
		p.put("MaxBurstLength", "524288");
		p.put("MaxRecvDataSegmentLength", "262144");
		p.put("MaxXmitDataSegmentLength", "262144");
		return p;
	}

	/** ceph-iscsi's ACL controls (lio-layout.md §5.2). */
	public static Map<String, String> cephAclAttributes() {
		return Map.of("dataout_timeout", "20", "nopin_response_timeout", "5", "nopin_timeout", "5");
	}

	/** A fileio-backed target, one enabled TPG, two LUNs, one CHAP ACL mapping both. */
	public static LioConfig oneTargetTwoLuns() {
		StorageObject d0 = StorageObject.of("disk0", new FileioBackstore("/var/lib/disk0.img", 64L << 20, false),
				"disk0-serial");
		StorageObject d1 = StorageObject.of("disk1", new FileioBackstore("/var/lib/disk1.img", 32L << 20, false), null);
		NodeAcl acl = new NodeAcl(CLIENT, new Chap("user1", "secret1secret", "target1", "targetsecret1"),
				cephAclAttributes(), 128, List.of(MappedLun.of(0), MappedLun.of(1)));
		Tpg tpg = new Tpg(1, true,
				Map.of("authentication", "1", "generate_node_acls", "0", "demo_mode_write_protect", "1"),
				cephParameters(), Chap.NONE, List.of(NetworkPortal.of("192.168.10.11")),
				List.of(new Lun(0, BackstoreType.FILEIO, "disk0", null),
						new Lun(1, BackstoreType.FILEIO, "disk1", null)),
				List.of(acl));
		return new LioConfig(List.of(d0, d1), List.of(new Target(TARGET, List.of(tpg))), DiscoveryAuth.NONE, null);
	}

	/**
	 * The gateway gw1 of lio-layout.md §10: two TCMU disks, two TPGs (own enabled), ALUA
	 * groups.
	 */
	public static LioConfig cephGatewayOne() {
		StorageObject disk1 = new StorageObject("rbd.disk_1",
				UserBackstore.rbd("rbd", "disk_1", 10L << 30, 30, 8, 1024), "0e7b8f4c-2f47-4c4e-9a51-4f1d0cbb3c21",
				Map.of("cmd_time_out", "0", "qfull_time_out", "5"),
				List.of(AluaGroup.cephIscsi(1, true, false, 30), AluaGroup.cephIscsi(2, false, false, 30)), true);
		StorageObject disk2 = new StorageObject("rbd.disk_2",
				UserBackstore.rbd("rbd", "disk_2", 20L << 30, 30, 64, 1024), "5a0c1d2e-88b3-4d6f-b1e2-7c9a3f6d8e04",
				Map.of("cmd_time_out", "0", "qfull_time_out", "5"),
				List.of(AluaGroup.cephIscsi(1, false, false, 30), AluaGroup.cephIscsi(2, true, false, 30)), true);
		Map<String, String> params = cephParameters();
		params.put("ImmediateData", "No");
		NodeAcl acl = new NodeAcl(CLIENT,
				new Chap("myiscsiusername", "myiscsipassword1", "mytargetusername", "mytargetsecret12"),
				cephAclAttributes(), 64, List.of(MappedLun.of(0), MappedLun.of(1)));
		Tpg own = new Tpg(1, true,
				Map.of("authentication", "1", "generate_node_acls", "0", "demo_mode_write_protect", "1"), params,
				Chap.NONE, List.of(NetworkPortal.of("192.168.10.11")),
				List.of(new Lun(0, BackstoreType.USER, "rbd.disk_1", "ao"),
						new Lun(1, BackstoreType.USER, "rbd.disk_2", "ano1")),
				List.of(acl));
		Tpg other = new Tpg(2, false,
				Map.of("authentication", "0", "generate_node_acls", "0", "demo_mode_write_protect", "1",
						"tpg_enabled_sendtargets", "0"),
				params, null, List.of(NetworkPortal.of("192.168.10.12")),
				List.of(new Lun(0, BackstoreType.USER, "rbd.disk_1", "ano2"),
						new Lun(1, BackstoreType.USER, "rbd.disk_2", "ao")),
				List.of());
		return new LioConfig(List.of(disk1, disk2), List.of(new Target(TARGET, List.of(own, other))),
				DiscoveryAuth.NONE, null);
	}

	/**
	 * A large configuration: {@code luns} TCMU disks exported as LUNs of one target with
	 * {@code tpgs} TPGs, {@code acls} ACLs in the first TPG each mapping {@code perAcl}
	 * LUNs.
	 */
	public static LioConfig scale(int luns, int tpgs, int acls, int perAcl) {
		List<StorageObject> sos = new ArrayList<>();
		for (int i = 0; i < luns; i++) {
			List<AluaGroup> groups = new ArrayList<>();
			for (int t = 1; t <= tpgs; t++) {
				groups.add(AluaGroup.cephIscsi(t, t == 1 + i % tpgs, false, 30));
			}
			sos.add(new StorageObject("rbd.img" + i, UserBackstore.rbd("rbd", "img" + i, 1L << 30, 30, 8, 1024),
					"serial-" + i, Map.of("cmd_time_out", "0", "qfull_time_out", "5"), groups, true));
		}
		List<Tpg> tpgList = new ArrayList<>();
		for (int t = 1; t <= tpgs; t++) {
			List<Lun> lunList = new ArrayList<>();
			for (int i = 0; i < luns; i++) {
				lunList.add(new Lun(i, BackstoreType.USER, "rbd.img" + i, (t == 1 + i % tpgs) ? "ao" : "ano" + t));
			}
			List<NodeAcl> aclList = new ArrayList<>();
			if (t == 1) {
				for (int a = 0; a < acls; a++) {
					List<MappedLun> mapped = new ArrayList<>();
					for (int m = 0; m < perAcl; m++) {
						mapped.add(MappedLun.of((a * perAcl + m) % luns));
					}
					aclList
						.add(new NodeAcl("iqn.1994-05.com.example:host" + a, Chap.of("host" + a, "secret-of-host" + a),
								cephAclAttributes(), 128, mapped.stream().distinct().toList()));
				}
			}
			tpgList.add(new Tpg(t, t == 1,
					(t == 1) ? Map.of("authentication", "1", "generate_node_acls", "0", "demo_mode_write_protect", "1")
							: Map.of("authentication", "0", "generate_node_acls", "0", "demo_mode_write_protect", "1",
									"tpg_enabled_sendtargets", "0"),
					cephParameters(), (t == 1) ? Chap.NONE : null, List.of(NetworkPortal.of("192.168.10." + (10 + t))),
					lunList, aclList));
		}
		return new LioConfig(sos, List.of(new Target(TARGET, tpgList)), DiscoveryAuth.NONE, null);
	}

}
