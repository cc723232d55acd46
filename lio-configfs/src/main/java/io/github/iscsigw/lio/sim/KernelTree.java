package io.github.iscsigw.lio.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configfs tree of a real kernel, dumped by
 * {@code scripts/lio-vm-test.sh --update-defaults} from Linux 6.1
 * ({@code kernel-tree.txt} next to this class): which directories and files every kind of
 * object has, their modes and default values. The dump holds one template object of each
 * kind, created by mkdir alone wherever the kernel allows, so values are the kernel's
 * defaults.
 */
final class KernelTree {

	private static final String TEMPLATE_IQN = "iscsi/iqn.2003-01.io.github.iscsigw:template";

	static final String TEMPLATE_INITIATOR = "iqn.1994-05.io.github.iscsigw:template-initiator";

	private static final String TPG = TEMPLATE_IQN + "/tpgt_1";

	/** Where each kind's template object is in the dump. */
	static final Map<ObjectKind, String> TEMPLATE_PATHS = new EnumMap<>(Map.of(ObjectKind.HBA_FILEIO, "core/fileio_0",
			ObjectKind.HBA_USER, "core/user_1", ObjectKind.SO_FILEIO, "core/fileio_0/tmpl_fileio", ObjectKind.SO_USER,
			"core/user_1/tmpl_user", ObjectKind.ALUA_GROUP, "core/user_3/tmpl_user_enabled/alua/tmpl_group",
			ObjectKind.TARGET, TEMPLATE_IQN, ObjectKind.TPG, TPG, ObjectKind.PORTAL, TPG + "/np/127.0.0.1:3260",
			ObjectKind.LUN, TPG + "/lun/lun_0", ObjectKind.ACL, TPG + "/acls/" + TEMPLATE_INITIATOR));

	static {
		TEMPLATE_PATHS.put(ObjectKind.MAPPED_LUN, TPG + "/acls/" + TEMPLATE_INITIATOR + "/lun_0");
	}

	/**
	 * Enabled storage objects, for the values the kernel shows once a device is
	 * configured.
	 */
	static final String ENABLED_USER = "core/user_3/tmpl_user_enabled";

	static final String ENABLED_FILEIO = "core/fileio_2/tmpl_fileio_enabled";

	/**
	 * One entry of the dump.
	 *
	 * @param path relative path
	 * @param dir whether a directory
	 * @param mode octal mode of a file
	 * @param value default value of a readable file (newlines restored), else null
	 */
	record Node(String path, boolean dir, int mode, String value) {
	}

	private final Map<String, Node> nodes = new TreeMap<>();

	private static KernelTree instance;

	static synchronized KernelTree get() {
		if (instance == null) {
			instance = new KernelTree();
		}
		return instance;
	}

	private KernelTree() {
		try (InputStream in = KernelTree.class.getResourceAsStream("kernel-tree.txt")) {
			if (in == null) {
				throw new IllegalStateException("kernel-tree.txt missing from the classpath");
			}
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = r.readLine()) != null) {
				parse(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void parse(String line) {
		if (line.startsWith("D ")) {
			String p = line.substring(2, line.length() - 1);
			this.nodes.put(p, new Node(p, true, 0755, null));
		}
		else if (line.startsWith("F ")) {
			int sp = line.indexOf(' ', 2);
			int mode = Integer.parseInt(line.substring(2, sp), 8);
			String rest = line.substring(sp + 1);
			int eq = rest.indexOf(" = ");
			String path;
			String value = null;
			if (eq >= 0) {
				path = rest.substring(0, eq);
				value = rest.substring(eq + 3).replace("\\n", "\n");
			}
			else {
				path = rest.substring(0, rest.indexOf(" ("));
				value = "";
			}
			this.nodes.put(path, new Node(path, false, mode, value));
		}
	}

	/**
	 * The entries of a kind's template, relative to the object directory, parents first;
	 * statistics directories only when asked for.
	 */
	List<Node> template(ObjectKind kind, boolean statistics) {
		return this.templates.computeIfAbsent(kind.name() + statistics, (k) -> computeTemplate(kind, statistics));
	}

	private final Map<String, List<Node>> templates = new java.util.concurrent.ConcurrentHashMap<>();

	private List<Node> computeTemplate(ObjectKind kind, boolean statistics) {
		String base = TEMPLATE_PATHS.get(kind);
		List<String> children = new ArrayList<>();
		for (String p : TEMPLATE_PATHS.values()) {
			if (p.startsWith(base + "/")) {
				children.add(p);
			}
		}
		for (String enabled : List.of(ENABLED_FILEIO, ENABLED_USER)) {
			if (enabled.startsWith(base + "/")) {
				children.add(enabled);
			}
		}
		List<Node> out = new ArrayList<>();
		for (Node n : this.nodes.values()) {
			if (!n.path().startsWith(base + "/") || under(n.path(), children)) {
				continue;
			}
			String rel = n.path().substring(base.length() + 1);
			if (!statistics && (rel.startsWith("statistics") || rel.startsWith("fabric_statistics")
					|| rel.contains("/statistics"))) {
				continue;
			}
			out.add(new Node(rel, n.dir(), n.mode(), n.value()));
		}
		return List.copyOf(out);
	}

	/**
	 * Entries outside every object: the fabric and core roots, discovery auth, version.
	 */
	List<Node> root() {
		List<Node> out = new ArrayList<>();
		for (Node n : this.nodes.values()) {
			String p = n.path();
			boolean inObject = p.matches("core/[a-z_]+_\\d+(/.*)?") || p.startsWith("iscsi/iqn.");
			if (!inObject) {
				out.add(p.equals("core/alua/lu_gps/default_lu_gp/members") ? new Node(p, false, n.mode(), "") : n);
			}
		}
		return out;
	}

	/** A value of the dump, e.g. of an enabled storage object. */
	String value(String path) {
		Node n = this.nodes.get(path);
		return (n != null) ? n.value() : null;
	}

	private static boolean under(String path, List<String> roots) {
		for (String r : roots) {
			if (path.equals(r) || path.startsWith(r + "/")) {
				return true;
			}
		}
		return false;
	}

}
