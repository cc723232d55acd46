package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden scenario (spec/golden): what real ceph-iscsi 3.5 left in configfs for
 * {@code config-after-create.json} is what our desired state, applied to the simulator,
 * leaves there.
 */
class GoldenTreeTests {

	/**
	 * Golden lines that say nothing about what a reconciler writes: values that differ
	 * from run to run (golden/README.md), the machine the dump was taken on, and run-time
	 * counters/statistics the simulator does not keep.
	 */
	static final List<Pattern> NOT_COMPARED = List.of(
			// random LUN symlink names are compared by directory and target instead
			Pattern.compile("^L .*"),
			// timestamps, dbroot, machine and kernel identity
			Pattern.compile(".*/creation_time = .*"), Pattern.compile("^F dbroot = .*"),
			Pattern.compile("^F version = .*"), Pattern.compile("^F iscsi/lio_version = .*"),
			Pattern.compile("^F iscsi/cpus_allowed_list = .*"),
			// the kernel's global HBA/device indexes depend on what was created before
			Pattern.compile("^F core/user_0/hba_info = .*"),
			// run-time statistics and back-references the kernel derives (ALUA/LU group
			// members): nobody writes them and the simulator does not keep them; their
			// directories are still compared, the bindings through lun_*/alua_tg_pt_gp
			Pattern.compile("^F .*/(statistics|fabric_statistics)/.*"), Pattern.compile("^F .*/members = .*"));

	/**
	 * CHAP files: ceph-iscsi writes {@code NULL} for an empty value, which the kernel
	 * keeps and shows; a value never written shows as empty. Both mean "not set" (the
	 * kernel only clears the credential flag), and the model reads them as equal, so a
	 * new TPG or discovery auth keeps the kernel's empty value.
	 */
	static final Pattern CHAP_FILE = Pattern.compile("^F .*(auth|discovery_auth)/(userid|password)(_mutual)? = .*");

	@TempDir
	Path dir;

	@Test
	void desiredStateAppliedToTheSimulatorGivesTheGoldenTree() {
		SimulatedConfigfs fs = SimulatedConfigfs.open(this.dir, true);
		LioConfig desired = DesiredState
			.of(ReconcileFixtures.golden(), ReconcileFixtures.GOLDEN_GATEWAY,
					ReconcileFixtures.rbd(Map.of("rbd/block1", ReconcileFixtures.GOLDEN_SIZE)))
			.lio();
		new Executor(fs).apply(Planner.plan(new ConfigfsReader(fs).observe(desired), desired));

		Map<String, String> actual = ReconcileFixtures.dump(fs);
		Map<String, String> golden = golden();
		List<String> missing = new ArrayList<>();
		List<String> different = new ArrayList<>();
		golden.forEach((path, line) -> {
			if (NOT_COMPARED.stream().anyMatch((p) -> p.matcher(line).matches())) {
				return;
			}
			String ours = actual.get(path);
			if (ours == null) {
				missing.add(line);
			}
			else if (!ours.equals(line) && !(CHAP_FILE.matcher(line).matches() && line.endsWith(" = NULL")
					&& ours.equals(line.substring(0, line.length() - 4)))) {
				different.add("golden: " + line + "\n   ours: " + ours);
			}
		});
		assertThat(missing).as("golden entries the simulated tree lacks").isEmpty();
		assertThat(different).as("golden entries with another value").isEmpty();
		// and nothing more: every object directory we made is in the golden tree
		List<String> extra = actual.values()
			.stream()
			.filter((line) -> line.startsWith("D ") && !golden.containsKey(line.substring(2)))
			.toList();
		assertThat(extra).as("directories the golden tree does not have").isEmpty();
		// LUN and mapped-LUN links: one per directory, to the golden's object
		assertThat(links(actual)).isEqualTo(links(golden));
	}

	/**
	 * lio-layout.md §10 (gateway gw1 of the gateway-conf.md §3 example), applied to the
	 * simulator: every value the spec's tree shows.
	 */
	@Test
	void exampleGatewayGw1TreeThroughTheSimulator() {
		SimulatedConfigfs fs = SimulatedConfigfs.open(this.dir);
		LioConfig desired = DesiredState
			.of(ReconcileFixtures.example(), "gw1.example.com",
					ReconcileFixtures.rbd(Map.of("rbd/disk_1", 1073741824L, "rbd/disk_2", 2147483648L)))
			.lio();
		new Executor(fs).apply(Planner.plan(new ConfigfsReader(fs).observe(desired), desired));
		String t = "iscsi/" + ReconcileFixtures.EXAMPLE_TARGET;
		String acl = t + "/tpgt_1/acls/iqn.1994-05.com.example:client1";
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("core/user_0/rbd.disk_1/attrib/dev_config", "rbd/rbd/disk_1;osd_op_timeout=30");
		expected.put("core/user_0/rbd.disk_1/attrib/max_data_area_mb", "8");
		expected.put("core/user_0/rbd.disk_1/attrib/hw_max_sectors", "1024");
		expected.put("core/user_0/rbd.disk_1/enable", "1");
		expected.put("core/user_0/rbd.disk_1/wwn/vpd_unit_serial",
				"T10 VPD Unit Serial Number: 0e7b8f4c-2f47-4c4e-9a51-4f1d0cbb3c21");
		expected.put("core/user_0/rbd.disk_1/attrib/cmd_time_out", "0");
		expected.put("core/user_0/rbd.disk_1/attrib/qfull_time_out", "5");
		expected.put("core/user_0/rbd.disk_1/alua/ao/tg_pt_gp_id", "1");
		expected.put("core/user_0/rbd.disk_1/alua/ao/alua_access_state", "0");
		expected.put("core/user_0/rbd.disk_1/alua/ao/alua_access_type", "Implicit");
		expected.put("core/user_0/rbd.disk_1/alua/ao/implicit_trans_secs", "45");
		expected.put("core/user_0/rbd.disk_1/alua/ano2/tg_pt_gp_id", "2");
		expected.put("core/user_0/rbd.disk_1/alua/ano2/alua_access_state", "1");
		expected.put("core/user_1/rbd.disk_2/attrib/dev_config", "rbd/rbd/disk_2;osd_op_timeout=30");
		expected.put("core/user_1/rbd.disk_2/attrib/max_data_area_mb", "64");
		expected.put("core/user_1/rbd.disk_2/wwn/vpd_unit_serial",
				"T10 VPD Unit Serial Number: 5a0c1d2e-88b3-4d6f-b1e2-7c9a3f6d8e04");
		expected.put("core/user_1/rbd.disk_2/alua/ano1/tg_pt_gp_id", "1");
		expected.put("core/user_1/rbd.disk_2/alua/ano1/alua_access_state", "1");
		expected.put("core/user_1/rbd.disk_2/alua/ao/tg_pt_gp_id", "2");
		expected.put("core/user_1/rbd.disk_2/alua/ao/alua_access_state", "0");
		expected.put("iscsi/discovery_auth/enforce_discovery_auth", "0");
		expected.put(t + "/tpgt_1/enable", "1");
		expected.put(t + "/tpgt_1/attrib/authentication", "1");
		expected.put(t + "/tpgt_1/attrib/generate_node_acls", "0");
		expected.put(t + "/tpgt_1/attrib/demo_mode_write_protect", "1");
		expected.put(t + "/tpgt_1/param/ImmediateData", "No");
		expected.put(t + "/tpgt_1/param/InitialR2T", "Yes");
		expected.put(t + "/tpgt_1/param/MaxOutstandingR2T", "1");
		expected.put(t + "/tpgt_1/param/FirstBurstLength", "262144");
		expected.put(t + "/tpgt_1/param/MaxBurstLength", "524288");
		expected.put(t + "/tpgt_1/param/MaxRecvDataSegmentLength", "262144");
		expected.put(t + "/tpgt_1/param/MaxXmitDataSegmentLength", "262144");
		expected.put(acl + "/cmdsn_depth", "64");
		expected.put(acl + "/attrib/dataout_timeout", "20");
		expected.put(acl + "/attrib/nopin_response_timeout", "5");
		expected.put(acl + "/attrib/nopin_timeout", "5");
		expected.put(acl + "/auth/userid", "myiscsiusername");
		expected.put(acl + "/auth/password", "myiscsipassword1");
		expected.put(acl + "/auth/userid_mutual", "mytargetusername");
		expected.put(acl + "/auth/password_mutual", "mytargetsecret12");
		expected.put(acl + "/lun_0/write_protect", "0");
		expected.put(acl + "/lun_1/write_protect", "0");
		expected.put(t + "/tpgt_2/enable", "0");
		expected.put(t + "/tpgt_2/attrib/tpg_enabled_sendtargets", "0");
		expected.put(t + "/tpgt_2/attrib/authentication", "0");
		expected.put(t + "/tpgt_2/attrib/generate_node_acls", "0");
		expected.put(t + "/tpgt_2/attrib/demo_mode_write_protect", "1");
		expected.put(t + "/tpgt_2/param/ImmediateData", "No");
		expected.forEach((path, value) -> assertThat(fs.read(path)).as(path).isEqualTo(value));
		assertThat(fs.exists(t + "/tpgt_1/np/192.168.10.11:3260")).isTrue();
		assertThat(fs.exists(t + "/tpgt_2/np/192.168.10.12:3260")).isTrue();
		assertThat(fs.list(t + "/tpgt_2/np")).hasSize(1);
		assertThat(fs.list(t + "/tpgt_2/acls")).isEmpty();
		assertThat(fs.read(t + "/tpgt_1/lun/lun_0/alua_tg_pt_gp"))
			.startsWith("TG Port Alias: ao\nTG Port Group ID: 1\n");
		Map<String, String> links = links(ReconcileFixtures.dump(fs));
		assertThat(links).containsExactlyInAnyOrderEntriesOf(Map.of(t + "/tpgt_1/lun/lun_0/*", "core/user_0/rbd.disk_1",
				t + "/tpgt_1/lun/lun_1/*", "core/user_1/rbd.disk_2", t + "/tpgt_2/lun/lun_0/*",
				"core/user_0/rbd.disk_1", t + "/tpgt_2/lun/lun_1/*", "core/user_1/rbd.disk_2", acl + "/lun_0/*",
				t + "/tpgt_1/lun/lun_0", acl + "/lun_1/*", t + "/tpgt_1/lun/lun_1"));
		for (String[] binding : new String[][] { { "tpgt_1/lun/lun_1", "ano1" }, { "tpgt_2/lun/lun_0", "ano2" },
				{ "tpgt_2/lun/lun_1", "ao" } }) {
			assertThat(fs.read(t + "/" + binding[0] + "/alua_tg_pt_gp")).startsWith("TG Port Alias: " + binding[1]);
		}
	}

	/** The golden listing keyed by path, links' targets made relative to the root. */
	static Map<String, String> golden() {
		Map<String, String> lines = new LinkedHashMap<>();
		for (String line : ReconcileFixtures.text("golden-configfs-after-create.txt").split("\n")) {
			if (line.startsWith("#") || line.isBlank()) {
				continue;
			}
			String body = line.substring(2);
			String path;
			if (line.startsWith("D ")) {
				path = body;
			}
			else if (line.startsWith("L ")) {
				path = body.substring(0, body.indexOf(" -> "));
				String target = body.substring(body.indexOf(" -> ") + 4);
				line = "L " + path + " -> " + target.substring(target.indexOf("/target/") + 8);
			}
			else {
				int eq = body.indexOf(" = ");
				int wo = body.indexOf(" (");
				path = body.substring(0, (eq >= 0) ? eq : wo);
			}
			lines.put(path, line);
		}
		return lines;
	}

	/** Link lines with the link's own (random) name replaced by {@code *}. */
	static Map<String, String> links(Map<String, String> tree) {
		Map<String, String> links = new java.util.TreeMap<>();
		tree.forEach((path, line) -> {
			if (line.startsWith("L ")) {
				String dir = path.substring(0, path.lastIndexOf('/'));
				links.put(dir + "/*", line.substring(line.indexOf(" -> ") + 4));
			}
		});
		return links;
	}

}
