package io.github.iscsigw.lio.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.apply.ApplyReport;
import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.fs.CountingConfigfs;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Plan;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

/**
 * Plain benchmark harness (run by {@code scripts/bench-lio.sh}): plan and apply a large
 * configuration on the configfs simulator from empty, then measure single changes at that
 * size. Arguments: {@code luns tpgs acls mappedPerAcl} (default 4096 3 1024 16).
 */
public final class LioBenchmark {

	private LioBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int luns = arg(args, 0, 4096);
		int tpgs = arg(args, 1, 3);
		int acls = arg(args, 2, 1024);
		int perAcl = arg(args, 3, 16);
		String given = System.getProperty("lio.bench.dir");
		if (given != null) {
			// the caller removes it (rm -rf is much faster than a Java tree walk for a
			// million files)
			run(Path.of(given).resolve("target"), luns, tpgs, acls, perAcl);
			return;
		}
		Path dir = Files.createTempDirectory("lio-bench");
		try {
			run(dir.resolve("target"), luns, tpgs, acls, perAcl);
		}
		finally {
			delete(dir);
		}
	}

	private static void run(Path root, int luns, int tpgs, int acls, int perAcl) {
		System.out.printf(
				"configuration: %d LUNs (TCMU disks, 3 ALUA groups each) x %d TPGs, %d ACLs x %d mapped LUNs%n", luns,
				tpgs, acls, perAcl);
		LioConfig desired = LioFixtures.scale(luns, tpgs, acls, perAcl);
		CountingConfigfs fs = new CountingConfigfs(SimulatedConfigfs.open(root));
		ConfigfsReader reader = new ConfigfsReader(fs);
		Executor executor = new Executor(fs);
		List<String[]> rows = new ArrayList<>();

		long t0 = System.nanoTime();
		LioConfig observed = reader.observe(desired);
		long t1 = System.nanoTime();
		Plan plan = Planner.plan(observed, desired);
		long t2 = System.nanoTime();
		fs.reset();
		ApplyReport report = executor.apply(plan);
		long t3 = System.nanoTime();
		rows.add(row("from empty: plan", ms(t1, t2), plan.size() + " steps", "-"));
		rows.add(row("from empty: apply", ms(t2, t3), report.steps() + " steps",
				fs.writes() + " writes, " + fs.reads() + " reads"));

		fs.reset();
		long t4 = System.nanoTime();
		LioConfig after = reader.observe(desired);
		long t5 = System.nanoTime();
		Plan again = Planner.plan(after, desired);
		long t6 = System.nanoTime();
		if (!after.equals(desired) || !again.isEmpty()) {
			throw new IllegalStateException("did not converge: " + again.size() + " steps left");
		}
		rows.add(row("observe (scoped) at full size", ms(t4, t5), "-", fs.reads() + " reads"));
		rows.add(row("plan, nothing changed", ms(t5, t6), "0 steps", "-"));

		LioConfig oneLess = withAcls(desired, (list) -> list.subList(1, list.size()));
		measure(rows, "remove one ACL (" + perAcl + " mapped LUNs)", fs, executor, after, oneLess);
		LioConfig back = desired;
		measure(rows, "add one ACL (" + perAcl + " mapped LUNs, CHAP)", fs, executor, oneLess, back);
		LioConfig pw = withAcls(desired, (list) -> {
			List<NodeAcl> copy = new ArrayList<>(list);
			NodeAcl a = copy.get(0);
			copy.set(0, new NodeAcl(a.initiator(), Chap.of(a.chap().userid(), "a-new-secret"), a.attributes(),
					a.cmdsnDepth(), a.mappedLuns()));
			return copy;
		});
		measure(rows, "change one ACL's CHAP password", fs, executor, desired, pw);
		LioConfig map = withAcls(pw, (list) -> {
			List<NodeAcl> copy = new ArrayList<>(list);
			NodeAcl a = copy.get(0);
			List<MappedLun> m = new ArrayList<>(a.mappedLuns());
			m.add(new MappedLun(luns + 1, (a.mappedLuns().get(0).tpgLun() + perAcl) % luns, false));
			copy.set(0, new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(), m));
			return copy;
		});
		measure(rows, "map one more LUN to one ACL", fs, executor, pw, map);

		System.out.println();
		System.out.println("| operation | time (ms) | steps | configfs operations |");
		System.out.println("|---|---:|---:|---|");
		for (String[] r : rows) {
			System.out.println("| " + String.join(" | ", r) + " |");
		}
	}

	private static void measure(List<String[]> rows, String what, CountingConfigfs fs, Executor executor,
			LioConfig observed, LioConfig desired) {
		long t0 = System.nanoTime();
		Plan plan = Planner.plan(observed, desired);
		long t1 = System.nanoTime();
		fs.reset();
		ApplyReport report = executor.apply(plan);
		long t2 = System.nanoTime();
		rows.add(row(what + ": plan + apply", ms(t0, t1) + " + " + ms(t1, t2), report.steps() + " steps",
				fs.writes() + " writes, " + fs.reads() + " reads"));
	}

	private static LioConfig withAcls(LioConfig c, java.util.function.UnaryOperator<List<NodeAcl>> f) {
		Target t = c.targets().get(0);
		List<Tpg> tpgs = t.tpgs()
			.stream()
			.map((g) -> (g.tag() == 1) ? new Tpg(g.tag(), g.enabled(), g.attributes(), g.parameters(), g.chap(),
					g.portals(), g.luns(), f.apply(g.acls())) : g)
			.toList();
		return new LioConfig(c.storageObjects(), List.of(new Target(t.iqn(), tpgs)), c.discoveryAuth(), c.unmanaged());
	}

	private static String[] row(String what, String time, String steps, String ops) {
		return new String[] { what, time, steps, ops };
	}

	private static String ms(long from, long to) {
		return String.format("%.1f", (to - from) / 1e6);
	}

	private static int arg(String[] args, int i, int fallback) {
		return (args.length > i) ? Integer.parseInt(args[i]) : fallback;
	}

	private static void delete(Path dir) throws IOException {
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
				Files.delete(d);
				return FileVisitResult.CONTINUE;
			}
		});
	}

}
