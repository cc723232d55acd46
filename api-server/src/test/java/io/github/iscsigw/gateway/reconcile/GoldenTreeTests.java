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
