package io.github.iscsigw.lio.apply;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.lio.model.AluaGroup;
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
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Plan;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler's contract on random configurations, applied to the simulator in
 * sequence (each from whatever the previous one left):
 * {@code observe(apply(plan(d, observe(d)))) == d}, then the plan is empty.
 */
class ConvergencePropertyTests {

	private static final long SEED = Long.getLong("lio.property.seed", 20261125L);

	private static final int ROUNDS = Integer.getInteger("lio.property.rounds", 80);

	@TempDir
	Path dir;

	@Test
	void everyRandomConfigurationConvergesInOnePlanFromAnyOther() {
		Random random = new Random(SEED);
		SimulatedConfigfs fs = SimulatedConfigfs.open(this.dir.resolve("target"));
		ConfigfsReader reader = new ConfigfsReader(fs);
		Executor executor = new Executor(fs);
		LioConfig previous = LioConfig.EMPTY;
		for (int round = 0; round < ROUNDS; round++) {
			// alternate between unrelated configurations (creates, deletes, re-creates)
			// and single
			// small edits of the previous one (the in-place update paths)
			LioConfig desired = (round % 10 == 9) ? LioConfig.EMPTY
					: (round % 2 == 1) ? mutate(previous, random) : random(random);
			previous = desired;
			Plan plan = Planner.plan(reader.observe(desired), desired);
			executor.apply(plan);
			LioConfig observed = reader.observe(desired);
			assertThat(observed).as("round %d (seed %d)", round, SEED).isEqualTo(desired);
			assertThat(Planner.plan(observed, desired).changes()).as("second plan, round %d", round).isEmpty();
		}
	}

	static LioConfig random(Random r) {
		List<StorageObject> sos = new ArrayList<>();
		int nso = 1 + r.nextInt(4);
		for (int i = 0; i < nso; i++) {
			String name = "so" + r.nextInt(6);
			if (sos.stream().anyMatch((s) -> s.name().equals(name))) {
				continue;
			}
			boolean user = r.nextBoolean();
			List<AluaGroup> groups = new ArrayList<>();
			if (user && r.nextBoolean()) {
				groups.add(AluaGroup.cephIscsi(1, true, r.nextBoolean(), 30));
				groups.add(new AluaGroup("ano2", 2 + r.nextInt(2), Map.of("alua_access_type", "1", "alua_access_state",
						"1", "implicit_trans_secs", "" + r.nextInt(60))));
			}
			Map<String, String> attrs = new HashMap<>();
			if (user) {
				attrs.put("qfull_time_out", "" + r.nextInt(10));
				if (r.nextBoolean()) {
					attrs.put("cmd_time_out", "" + r.nextInt(2));
				}
			}
			sos.add(new StorageObject(name,
					user ? UserBackstore.rbd("rbd", name, (1 + r.nextInt(3)) << 20, 30, 8 * (1 + r.nextInt(2)), 1024)
							: new FileioBackstore("/srv/" + name + ".img", (1 + r.nextInt(3)) << 20, r.nextBoolean()),
					r.nextBoolean() ? "serial-" + name + "-" + r.nextInt(2) : null, attrs, groups, true));
		}
		List<Target> targets = new ArrayList<>();
		int nt = r.nextInt(3);
		for (int t = 0; t < nt; t++) {
			List<Tpg> tpgs = new ArrayList<>();
			int ntpg = 1 + r.nextInt(3);
			for (int g = 1; g <= ntpg; g++) {
				List<Lun> luns = new ArrayList<>();
				for (int l = 0; l < sos.size(); l++) {
					if (r.nextInt(3) > 0) {
						StorageObject so = sos.get(l);
						String group = so.aluaGroups().isEmpty() ? null
								: so.aluaGroups().get(r.nextInt(so.aluaGroups().size())).name();
						luns.add(new Lun(l + r.nextInt(2) * 10, so.backstore().type(), so.name(), group));
					}
				}
				List<NodeAcl> acls = new ArrayList<>();
				if (g == 1 && !luns.isEmpty()) {
					int na = r.nextInt(3);
					for (int a = 0; a < na; a++) {
						List<MappedLun> mapped = new ArrayList<>();
						for (Lun l : luns) {
							if (r.nextBoolean()) {
								mapped.add(new MappedLun(l.id() + r.nextInt(2) * 100, l.id(), r.nextInt(4) == 0));
							}
						}
						Chap chap = switch (r.nextInt(3)) {
							case 0 -> Chap.NONE;
							case 1 -> Chap.of("user" + a, "secret" + r.nextInt(3) + "pass");
							default -> new Chap("user" + a, "secret-" + a, "tgt" + a, "tgtsecret" + r.nextInt(2));
						};
						acls.add(new NodeAcl("iqn.1994-05.org.example:host" + a + r.nextInt(2), chap,
								r.nextBoolean() ? Map.of("nopin_timeout", "" + (5 + r.nextInt(3))) : Map.of(),
								r.nextBoolean() ? 64 + r.nextInt(2) : null, mapped));
					}
				}
				Map<String, String> attrs = new HashMap<>();
				attrs.put("authentication", "" + r.nextInt(2));
				if (r.nextBoolean()) {
					attrs.put("tpg_enabled_sendtargets", "" + r.nextInt(2));
				}
				Map<String, String> params = r.nextBoolean() ? Map.of("ImmediateData", r.nextBoolean() ? "Yes" : "No",
						"MaxBurstLength", "" + (262144 * (1 + r.nextInt(2)))) : Map.of();
				List<NetworkPortal> portals = new ArrayList<>();
				portals.add(NetworkPortal.of("10.0." + t + "." + g));
				if (r.nextBoolean()) {
					portals.add(new NetworkPortal("fd00::" + g, 3260 + r.nextInt(2)));
				}
				tpgs.add(new Tpg(g + r.nextInt(2) * 3, r.nextBoolean(), attrs, params,
						r.nextBoolean() ? Chap.NONE
								: (r.nextBoolean() ? Chap.of("tpg", "tpgsecret" + r.nextInt(2)) : null),
						portals, luns, acls));
			}
			targets.add(new Target("iqn.2003-01.org.example:target" + r.nextInt(3), dedupe(tpgs)));
		}
		DiscoveryAuth discovery = switch (r.nextInt(3)) {
			case 0 -> null;
			case 1 -> DiscoveryAuth.NONE;
			default -> DiscoveryAuth.cephIscsi(Chap.of("disc", "discsecret" + r.nextInt(2)));
		};
		return new LioConfig(sos, dedupeTargets(targets), discovery, null);
	}

	/**
	 * One small edit of a configuration: a single value, or one object added or removed.
	 */
	static LioConfig mutate(LioConfig c, Random r) {
		List<StorageObject> sos = new ArrayList<>(c.storageObjects());
		List<Target> targets = new ArrayList<>(c.targets());
		int what = r.nextInt(12);
		if (what < 3 && !sos.isEmpty()) {
			int i = r.nextInt(sos.size());
			StorageObject so = sos.get(i);
			Map<String, String> attrs = new HashMap<>(so.attributes());
			List<AluaGroup> groups = new ArrayList<>(so.aluaGroups());
			io.github.iscsigw.lio.model.Backstore b = so.backstore();
			if (what == 0 && b instanceof UserBackstore u) {
				b = new UserBackstore(u.devConfig(), u.devSize() + 4096, u.maxDataAreaMb(), u.hwMaxSectors());
			}
			else if (what == 1 && !groups.isEmpty()) {
				AluaGroup g = groups.get(0);
				Map<String, String> ga = new HashMap<>(g.attributes());
				ga.put("nonop_delay_msecs", "" + (1 + r.nextInt(50)));
				groups.set(0, new AluaGroup(g.name(), g.id(), ga));
			}
			else {
				attrs.put("emulate_pr", "" + r.nextInt(2));
			}
			sos.set(i, new StorageObject(so.name(), b, so.wwn(), attrs, groups, true));
			return new LioConfig(sos, targets, c.discoveryAuth(), null);
		}
		if (targets.isEmpty()) {
			return random(r);
		}
		int ti = r.nextInt(targets.size());
		if (what >= 8) {
			for (int i = 0; i < targets.size(); i++) {
				if (targets.get(i).tpgs().stream().anyMatch((x) -> !x.acls().isEmpty())) {
					ti = i;
				}
			}
		}
		Target t = targets.get(ti);
		List<Tpg> tpgs = new ArrayList<>(t.tpgs());
		int gi = r.nextInt(tpgs.size());
		if (what >= 8) {
			// ACL edits: prefer a TPG that has ACLs
			for (int i = 0; i < tpgs.size(); i++) {
				if (!tpgs.get(i).acls().isEmpty()) {
					gi = i;
				}
			}
		}
		Tpg g = tpgs.get(gi);
		Map<String, String> attrs = new HashMap<>(g.attributes());
		Map<String, String> params = new HashMap<>(g.parameters());
		List<NetworkPortal> portals = new ArrayList<>(g.portals());
		List<Lun> luns = new ArrayList<>(g.luns());
		List<NodeAcl> acls = new ArrayList<>(g.acls());
		boolean enabled = g.enabled();
		switch (what) {
			case 3 -> enabled = !enabled;
			case 4 -> params.put("InitialR2T", r.nextBoolean() ? "Yes" : "No");
			case 5 -> attrs.put("login_timeout", "" + (10 + r.nextInt(10)));
			case 6 -> portals.add(new NetworkPortal("10.9.9." + r.nextInt(200), 3260));
			case 7 -> {
				if (!luns.isEmpty()) {
					Lun gone = luns.remove(r.nextInt(luns.size()));
					acls.replaceAll((a) -> new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(),
							a.mappedLuns().stream().filter((m) -> m.tpgLun() != gone.id()).toList()));
				}
			}
			default -> {
				if (acls.isEmpty()) {
					if (!luns.isEmpty()) {
						acls.add(new NodeAcl("iqn.1994-05.org.example:added", Chap.of("added", "addedsecret"), Map.of(),
								null, List.of(MappedLun.of(luns.get(0).id()))));
					}
				}
				else {
					int ai = r.nextInt(acls.size());
					NodeAcl a = acls.get(ai);
					List<MappedLun> mapped = new ArrayList<>(a.mappedLuns());
					NodeAcl changed = switch (what) {
						case 8 -> {
							if (!mapped.isEmpty()) {
								MappedLun m = mapped.get(0);
								mapped.set(0, new MappedLun(m.id(), m.tpgLun(), !m.writeProtect()));
							}
							yield new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(), mapped);
						}
						case 9 -> new NodeAcl(a.initiator(), Chap.of("changed", "changedsecret" + r.nextInt(9)),
								a.attributes(), a.cmdsnDepth(), mapped);
						case 10 -> new NodeAcl(a.initiator(), a.chap(),
								Map.of("dataout_timeout", "" + (2 + r.nextInt(9))), 64 + r.nextInt(64), mapped);
						default -> null;
					};
					if (changed == null) {
						acls.remove(ai);
					}
					else {
						acls.set(ai, changed);
					}
				}
			}
		}
		tpgs.set(gi, new Tpg(g.tag(), enabled, attrs, params, g.chap(), portals, luns, acls));
		targets.set(ti, new Target(t.iqn(), tpgs));
		return new LioConfig(sos, targets, c.discoveryAuth(), null);
	}

	private static List<Tpg> dedupe(List<Tpg> tpgs) {
		Map<Integer, Tpg> byTag = new HashMap<>();
		tpgs.forEach((t) -> byTag.putIfAbsent(t.tag(), t));
		return new ArrayList<>(byTag.values());
	}

	private static List<Target> dedupeTargets(List<Target> targets) {
		Map<String, Target> byIqn = new HashMap<>();
		targets.forEach((t) -> byIqn.putIfAbsent(t.iqn(), t));
		return new ArrayList<>(byIqn.values());
	}

}
