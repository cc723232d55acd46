package io.github.iscsigw.lio.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.apply.ApplyReport;
import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.DiscoveryAuth;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Plan;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

/**
 * Command line: {@code plan|apply|dump [--root DIR] [--desired FILE.json] [--sim]}.
 *
 * <pre>
 *   dump  [--show-secrets]                 print the observed configuration as JSON
 *   plan  --desired F [--format text|ops|shell]   print the steps (text), their filesystem
 *                                          operations (ops) or a shell script (shell)
 *   apply --desired F [--check]            apply the plan; --check then observes again and
 *                                          fails (exit 3) unless the tree equals F and the
 *                                          next plan is empty
 *   --root DIR   LIO root (default /sys/kernel/config/target)
 *   --sim        DIR is a configfs simulator (created if empty) instead of the kernel's
 * </pre>
 *
 * Exit codes: 0 done, 1 failed (message on stderr), 2 usage, 3 not converged after apply.
 */
public final class Main {

	private Main() {
	}

	/**
	 * Entry point.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs a command.
	 * @param args the arguments
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String command = null;
		Path root = Configfs.DEFAULT_ROOT;
		Path desiredFile = null;
		String format = "text";
		boolean sim = false;
		boolean check = false;
		boolean secrets = false;
		try {
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--root" -> root = Path.of(args[++i]);
					case "--desired" -> desiredFile = Path.of(args[++i]);
					case "--format" -> format = args[++i];
					case "--sim" -> sim = true;
					case "--check" -> check = true;
					case "--show-secrets" -> secrets = true;
					case "plan", "apply", "dump" -> command = args[i];
					default -> {
						return usage(err, "unknown argument " + args[i]);
					}
				}
			}
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			return usage(err, "missing value after " + args[args.length - 1]);
		}
		if (command == null || (!command.equals("dump") && desiredFile == null)) {
			return usage(err, (command == null) ? "no command" : "--desired is required");
		}
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		try {
			// a browsable simulator: every default file exists on disk, as in the real
			// configfs
			Configfs fs = sim ? SimulatedConfigfs.open(root, false, true) : Configfs.at(root);
			if (!sim && !Files.isDirectory(root)) {
				throw new LioException(root + " does not exist (is configfs mounted and target_core_mod loaded?)");
			}
			ConfigfsReader reader = new ConfigfsReader(fs);
			if (command.equals("dump")) {
				LioConfig observed = reader.observe();
				out.println(json.writeValueAsString(secrets ? observed : redacted(observed)));
				return 0;
			}
			LioConfig desired = json.readValue(desiredFile.toFile(), LioConfig.class);
			Plan plan = Planner.plan(reader.observe(desired), desired);
			if (command.equals("plan")) {
				switch (format) {
					case "ops" -> out.print(Executor.dryRun(plan));
					case "shell" -> out.print(Executor.shellScript(plan));
					default -> out.print(plan.describe());
				}
				return 0;
			}
			out.print(plan.describe());
			ApplyReport report = new Executor(fs).apply(plan);
			out.println("applied " + report.steps() + " steps (" + report.operations() + " filesystem operations)");
			if (check) {
				LioConfig after = reader.observe(desired);
				Plan again = Planner.plan(after, desired);
				if (!after.equals(desired) || !again.isEmpty()) {
					out.print("NOT CONVERGED: observed differs from desired; remaining plan:\n" + again.describe());
					return 3;
				}
				out.println("converged: observed == desired, next plan is empty");
			}
			return 0;
		}
		catch (LioException ex) {
			err.println("lio-configfs: " + ex.getMessage());
			return 1;
		}
		catch (tools.jackson.core.JacksonException ex) {
			err.println("lio-configfs: cannot read " + desiredFile + ": " + ex.getOriginalMessage());
			return 1;
		}
	}

	private static int usage(PrintStream err, String problem) {
		err.println("lio-configfs: " + problem);
		err.println("usage: lio-configfs plan|apply|dump [--root DIR] [--desired FILE.json] [--sim]"
				+ " [--format text|ops|shell] [--check] [--show-secrets]");
		return 2;
	}

	/** The configuration with every CHAP password replaced by {@code ***}. */
	static LioConfig redacted(LioConfig c) {
		List<Target> targets = new ArrayList<>();
		for (Target t : c.targets()) {
			List<Tpg> tpgs = new ArrayList<>();
			for (Tpg g : t.tpgs()) {
				List<NodeAcl> acls = new ArrayList<>();
				for (NodeAcl a : g.acls()) {
					acls.add(new NodeAcl(a.initiator(), redacted(a.chap()), a.attributes(), a.cmdsnDepth(),
							a.mappedLuns()));
				}
				tpgs.add(new Tpg(g.tag(), g.enabled(), g.attributes(), g.parameters(), redacted(g.chap()), g.portals(),
						g.luns(), acls));
			}
			targets.add(new Target(t.iqn(), tpgs));
		}
		DiscoveryAuth d = c.discoveryAuth();
		return new LioConfig(c.storageObjects(), targets,
				(d != null) ? new DiscoveryAuth(redacted(d.chap()), d.enforce()) : null, c.unmanaged());
	}

	private static Chap redacted(Chap c) {
		if (c == null) {
			return null;
		}
		return new Chap(c.userid(), c.password().isEmpty() ? "" : "***", c.mutualUserid(),
				c.mutualPassword().isEmpty() ? "" : "***");
	}

}
