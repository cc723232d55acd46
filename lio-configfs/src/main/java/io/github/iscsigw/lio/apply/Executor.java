package io.github.iscsigw.lio.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.Configfs.Entry;
import io.github.iscsigw.lio.fs.ConfigfsPaths;
import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.plan.Change;
import io.github.iscsigw.lio.plan.Plan;

/**
 * The only writer: runs a {@link Plan} against configfs, step by step, and stops at the
 * first failure with an {@link ApplyException} naming the step, the path, the value
 * (secrets redacted) and the kernel's reason. Nothing is rolled back: the next reconcile
 * observes afresh and plans from there.
 */
public final class Executor {

	private static final Logger log = LoggerFactory.getLogger(Executor.class);

	private final Configfs fs;

	/**
	 * An executor writing to {@code fs}.
	 * @param fs the configfs (root injected)
	 */
	public Executor(Configfs fs) {
		this.fs = fs;
	}

	/**
	 * Applies the plan.
	 * @param plan the plan
	 * @return what was done
	 * @throws ApplyException at the first failing operation
	 */
	public ApplyReport apply(Plan plan) {
		FsResolver resolver = new FsResolver();
		int steps = 0;
		int ops = 0;
		for (Change change : plan.changes()) {
			List<Op> expanded;
			try {
				expanded = Operations.of(change, resolver);
			}
			catch (LioException ex) {
				throw new ApplyException(steps, change, null, ex);
			}
			for (Op op : expanded) {
				try {
					run(op);
				}
				catch (LioException ex) {
					throw new ApplyException(steps, change, op, ex);
				}
				ops++;
			}
			steps++;
			log.debug("applied {}", change);
		}
		return new ApplyReport(steps, ops);
	}

	private void run(Op op) {
		if (op instanceof Op.Mkdir m) {
			if (isHba(m.path()) && this.fs.exists(m.path())) {
				return;
			}
			this.fs.mkdir(m.path());
		}
		else if (op instanceof Op.Rmdir r) {
			this.fs.rmdir(r.path());
		}
		else if (op instanceof Op.Write w) {
			this.fs.write(w.path(), w.value());
		}
		else if (op instanceof Op.Symlink s) {
			this.fs.symlink(s.path(), s.target());
		}
		else if (op instanceof Op.UnlinkAll u) {
			for (Entry e : this.fs.list(u.path())) {
				if (e.kind() == Configfs.Kind.SYMLINK) {
					this.fs.unlink(u.path() + "/" + e.name());
				}
			}
		}
	}

	private static boolean isHba(String path) {
		return path.startsWith(ConfigfsPaths.CORE + "/") && path.indexOf('/', ConfigfsPaths.CORE.length() + 1) < 0;
	}

	/**
	 * Finds storage objects by scanning {@code core/} once, lazily: a plan that touches
	 * no storage object (an ACL change, say) costs no scan.
	 */
	private final class FsResolver implements Resolver {

		private Map<StorageObjectId, String> hbaOf;

		private Map<String, Integer> objectsIn;

		private void scan() {
			if (this.hbaOf != null) {
				return;
			}
			this.hbaOf = new HashMap<>();
			this.objectsIn = new HashMap<>();
			for (Entry hba : Executor.this.fs.list(ConfigfsPaths.CORE)) {
				if (!hba.isDirectory() || hba.name().equals("alua")) {
					continue;
				}
				String hbaPath = ConfigfsPaths.CORE + "/" + hba.name();
				BackstoreType type = BackstoreType.ofHbaDir(hba.name());
				int count = 0;
				if (type != null || hba.name().matches(".*_\\d+")) {
					for (Entry so : Executor.this.fs.list(hbaPath)) {
						if (so.isDirectory()) {
							count++;
							if (type != null) {
								this.hbaOf.put(new StorageObjectId(type, so.name()), hbaPath);
							}
						}
					}
				}
				this.objectsIn.put(hbaPath, count);
			}
		}

		@Override
		public String storageObject(StorageObjectId id) {
			scan();
			String hba = this.hbaOf.get(id);
			if (hba == null) {
				throw new LioException("storage object " + id + " not found under core/");
			}
			return hba + "/" + id.name();
		}

		@Override
		public String newHba(StorageObjectId id) {
			scan();
			TreeSet<Integer> used = new TreeSet<>();
			for (String hba : this.objectsIn.keySet()) {
				String n = hba.substring(hba.lastIndexOf('_') + 1);
				if (n.chars().allMatch(Character::isDigit) && !n.isEmpty()) {
					used.add(Integer.parseInt(n));
				}
			}
			int index = 0;
			while (used.contains(index)) {
				index++;
			}
			String hba = ConfigfsPaths.CORE + "/" + id.type().dirPrefix() + "_" + index;
			this.objectsIn.merge(hba, 1, Integer::sum);
			this.hbaOf.put(id, hba);
			return hba;
		}

		@Override
		public String removed(StorageObjectId id) {
			scan();
			String hba = this.hbaOf.remove(id);
			if (hba == null) {
				return null;
			}
			int left = this.objectsIn.merge(hba, -1, Integer::sum);
			if (left <= 0) {
				this.objectsIn.remove(hba);
				return hba;
			}
			return null;
		}

	}

	/**
	 * The plan rendered as the operations it would run, one per line (the dry run).
	 * @param plan the plan
	 * @return text
	 */
	public static String dryRun(Plan plan) {
		StringBuilder sb = new StringBuilder();
		Resolver r = new SymbolicResolver(false);
		int i = 1;
		for (Change c : plan.changes()) {
			sb.append(String.format("%4d  %s%n", i++, c));
			for (Op op : Operations.of(c, r)) {
				sb.append("        ").append(render(op)).append('\n');
			}
		}
		sb.append(plan.size()).append(plan.size() == 1 ? " change" : " changes").append('\n');
		return sb.toString();
	}

	private static String render(Op op) {
		if (op instanceof Op.Write w) {
			return "write " + w.path() + " = " + w.shownValue();
		}
		if (op instanceof Op.Symlink s) {
			return "ln -s " + s.target() + " " + s.path();
		}
		if (op instanceof Op.UnlinkAll u) {
			return "unlink " + u.path() + "/<link>";
		}
		return ((op instanceof Op.Mkdir) ? "mkdir " : "rmdir ") + op.path();
	}

	/**
	 * The plan as a POSIX shell script of mkdir/printf/ln/rm/rmdir against {@code $T}
	 * (default {@code /sys/kernel/config/target}); secrets are written as
	 * {@code $CHAP_SECRET_<n>} variables the caller must set, so the script itself holds
	 * none.
	 * @param plan the plan
	 * @return the script
	 */
	public static String shellScript(Plan plan) {
		StringBuilder sb = new StringBuilder();
		sb.append("#!/bin/sh\n# generated by lio-configfs: ").append(plan.size()).append(" changes\nset -e\n");
		sb.append(": \"${T:=/sys/kernel/config/target}\"\n");
		sb.append(
				"so_dir() { for d in \"$T\"/core/\"$1\"_*/\"$2\"; do [ -d \"$d\" ] && echo \"${d#$T/}\" && return 0; done; return 1; }\n");
		sb.append(
				"new_hba() { i=0; while ls -d \"$T\"/core/*_$i >/dev/null 2>&1; do i=$((i+1)); done; echo \"core/$1_$i\"; }\n");
		SymbolicResolver r = new SymbolicResolver(true);
		List<String> secrets = new ArrayList<>();
		for (Change c : plan.changes()) {
			sb.append("# ").append(c).append('\n');
			if (c instanceof Change.DeleteStorageObject d) {
				String t = d.id().type().dirPrefix();
				sb.append("d=$(so_dir ").append(t).append(' ').append(d.id().name()).append(")\n");
				sb.append("rmdir \"$T/$d\"\nrmdir \"$T/${d%/*}\" 2>/dev/null || true\n");
				continue;
			}
			if (c instanceof Change.CreateStorageObject cs) {
				sb.append("hba=$(new_hba ").append(cs.storageObject().backstore().type().dirPrefix()).append(")\n");
			}
			r.created.clear();
			for (Op op : Operations.of(c, r)) {
				String p = "\"$T/" + op.path() + "\"";
				if (op instanceof Op.Mkdir m && m.path().equals("$hba")) {
					sb.append("mkdir -p ").append(p).append('\n');
				}
				else if (op instanceof Op.Mkdir) {
					sb.append("mkdir ").append(p).append('\n');
				}
				else if (op instanceof Op.Rmdir) {
					sb.append("rmdir ").append(p).append('\n');
				}
				else if (op instanceof Op.Symlink s) {
					sb.append("ln -s \"$T/").append(s.target()).append("\" ").append(p).append('\n');
				}
				else if (op instanceof Op.UnlinkAll) {
					sb.append("find ").append(p).append(" -maxdepth 1 -type l -exec rm {} +\n");
				}
				else if (op instanceof Op.Write w) {
					String fmt = w.value().endsWith("\n") ? "'%s\\n'" : "%s";
					String v = w.value().endsWith("\n") ? w.value().substring(0, w.value().length() - 1) : w.value();
					String arg;
					if (w.secret()) {
						secrets.add("CHAP_SECRET_" + secrets.size());
						arg = "\"$" + secrets.get(secrets.size() - 1) + "\"";
					}
					else {
						arg = "'" + v.replace("'", "'\\''") + "'";
					}
					sb.append("printf ").append(fmt).append(' ').append(arg).append(" > ").append(p).append('\n');
				}
			}
		}
		if (!secrets.isEmpty()) {
			sb.insert(sb.indexOf("set -e\n") + 7, "# set " + String.join(", ", secrets) + " before running\n");
		}
		return sb.toString();
	}

	/** Storage object paths as shell expressions or placeholders. */
	private static final class SymbolicResolver implements Resolver {

		private final boolean shell;

		private final Map<StorageObjectId, String> created = new HashMap<>();

		SymbolicResolver(boolean shell) {
			this.shell = shell;
		}

		@Override
		public String storageObject(StorageObjectId id) {
			String hba = this.created.get(id);
			if (hba != null) {
				return hba + "/" + id.name();
			}
			return this.shell ? "$(so_dir " + id.type().dirPrefix() + " " + id.name() + ")"
					: "core/" + id.type().dirPrefix() + "_<n>/" + id.name();
		}

		@Override
		public String newHba(StorageObjectId id) {
			String hba = this.shell ? "$hba" : "core/" + id.type().dirPrefix() + "_<new>";
			this.created.put(id, hba);
			return hba;
		}

		@Override
		public String removed(StorageObjectId id) {
			return null;
		}

	}

}
