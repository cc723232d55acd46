package io.github.iscsigw.lio.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.ConfigfsException;
import io.github.iscsigw.lio.sim.KernelTree.Node;

/**
 * A configfs simulator in an ordinary directory that behaves like the kernel's LIO tree
 * for everything this module does: {@code mkdir} of an object creates its attribute,
 * parameter and auth files with the kernel's default values and modes (from
 * {@link KernelTree}, dumped from a real kernel); {@code rmdir} of an object that still
 * has child objects or links fails (ENOTEMPTY/EBUSY), and of a default group or a missing
 * path fails like the kernel; LUNs and mapped LUNs are symlinks that must point to an
 * enabled storage object or a LUN of the same TPG; writes of invalid values fail with
 * EINVAL, writes to read-only or missing files with EACCES/ENOENT; the kernel's side
 * effects this module relies on are reproduced (the unit serial and ALUA type display
 * formats, {@code AuthMethod} following {@code attrib/authentication}, the TCMU and
 * FILEIO control strings showing up in {@code attrib/} and {@code info}, the export lock
 * on the serial and {@code cmd_time_out}).
 *
 * <p>
 * Used by the tests of every module and by embedded mode (the CLI's {@code --sim}).
 * Statistics directories are left out unless asked for (never read, and they triple the
 * file count). Bookkeeping lives in hidden {@code .lio-*} files that
 * {@link #list(String)} does not show, so the state survives between processes.
 */
public final class SimulatedConfigfs implements Configfs {

	private static final String MARKER = ".lio-object";

	private static final String EXPORTS = ".lio-exports";

	private static final String HIDDEN = ".lio-";

	private static final Pattern HBA = Pattern.compile("core/([a-z_]+)_(\\d+)");

	private static final Pattern SO = Pattern.compile("core/([a-z_]+)_\\d+/[^/]+");

	private static final Pattern ALUA = Pattern.compile("core/[a-z_]+_\\d+/[^/]+/alua/[^/]+");

	private static final Pattern TARGET = Pattern.compile("iscsi/([^/]+)");

	private static final Pattern TPG = Pattern.compile("iscsi/[^/]+/tpgt_([^/]+)");

	private static final Pattern PORTAL = Pattern.compile("iscsi/[^/]+/tpgt_\\d+/np/([^/]+)");

	private static final Pattern LUN = Pattern.compile("iscsi/[^/]+/tpgt_\\d+/lun/lun_([^/]+)");

	private static final Pattern ACL = Pattern.compile("iscsi/[^/]+/tpgt_\\d+/acls/([^/]+)");

	private static final Pattern MAPPED_LUN = Pattern.compile("iscsi/[^/]+/tpgt_\\d+/acls/[^/]+/lun_([^/]+)");

	private static final Pattern INTEGER = Pattern.compile("-?\\d+");

	private static final Set<String> YES_NO = Set.of("ImmediateData", "InitialR2T", "DataPDUInOrder",
			"DataSequenceInOrder", "IFMarker", "OFMarker");

	private static final Map<String, long[]> PARAM_RANGES = Map.of("MaxOutstandingR2T", new long[] { 1, 65535 },
			"FirstBurstLength", new long[] { 512, 16777215 }, "MaxBurstLength", new long[] { 512, 16777215 },
			"MaxRecvDataSegmentLength", new long[] { 512, 16777215 }, "MaxXmitDataSegmentLength",
			new long[] { 512, 16777215 }, "MaxConnections", new long[] { 1, 65535 }, "DefaultTime2Wait",
			new long[] { 0, 3600 }, "DefaultTime2Retain", new long[] { 0, 3600 }, "ErrorRecoveryLevel",
			new long[] { 0, 2 });

	private static final Map<String, long[]> ACL_ATTRIBUTE_RANGES = Map.of("dataout_timeout", new long[] { 2, 60 },
			"nopin_response_timeout", new long[] { 3, 60 }, "nopin_timeout", new long[] { 3, 60 });

	/** iscsi_target_tpg.c: the TPG attributes' accepted values. */
	private static final Set<String> TPG_BOOLEANS = Set.of("generate_node_acls", "cache_dynamic_acls",
			"demo_mode_write_protect", "prod_mode_write_protect", "demo_mode_discovery", "tpg_enabled_sendtargets",
			"login_keys_workaround", "t10_pi");

	private static final Map<String, long[]> TPG_RANGES = Map.of("login_timeout", new long[] { 1, 30 }, "netif_timeout",
			new long[] { 2, 15 }, "default_cmdsn_depth", new long[] { 1, 512 }, "default_erl", new long[] { 0, 2 },
			"fabric_prot_type", new long[] { 0, 3 });

	private static final List<String> ACCESS_TYPES = List.of("None", "Implicit", "Explicit", "Implicit and Explicit");

	private static final Map<String, String> STATE_SUPPORT = Map.of("0", "alua_support_active_optimized", "1",
			"alua_support_active_nonoptimized", "2", "alua_support_standby", "3", "alua_support_unavailable", "14",
			"alua_support_offline", "15", "alua_support_transitioning");

	private final Path root;

	private final boolean statistics;

	private final KernelTree tree = KernelTree.get();

	private final boolean materialise;

	private final Map<String, java.util.Optional<ObjectKind>> kinds = new java.util.HashMap<>();

	private final Map<ObjectKind, List<Node>> dirsOf = new java.util.EnumMap<>(ObjectKind.class);

	private final Map<ObjectKind, Map<String, Node>> index = new java.util.EnumMap<>(ObjectKind.class);

	private final Map<ObjectKind, Map<String, List<Node>>> childrenIndex = new java.util.EnumMap<>(ObjectKind.class);

	private SimulatedConfigfs(Path root, boolean statistics, boolean materialise) {
		this.root = root.toAbsolutePath().normalize();
		this.statistics = statistics;
		this.materialise = materialise;
		for (ObjectKind kind : ObjectKind.values()) {
			if (!KernelTree.TEMPLATE_PATHS.containsKey(kind)) {
				continue;
			}
			Map<String, Node> byPath = new java.util.HashMap<>();
			Map<String, List<Node>> byDir = new java.util.HashMap<>();
			for (Node n : this.tree.template(kind, statistics)) {
				byPath.put(n.path(), n);
				int slash = n.path().lastIndexOf('/');
				byDir.computeIfAbsent((slash < 0) ? "" : n.path().substring(0, slash), (k) -> new ArrayList<>()).add(n);
			}
			this.index.put(kind, byPath);
			this.dirsOf.put(kind, this.tree.template(kind, statistics).stream().filter(Node::dir).toList());
			this.childrenIndex.put(kind, byDir);
		}
	}

	/**
	 * Opens a simulator in {@code dir}, creating the kernel's top-level tree (as after
	 * loading target_core_mod and iscsi_target_mod) if the directory is empty or missing.
	 * @param dir the directory standing for {@code /sys/kernel/config/target}
	 * @return the simulator
	 */
	public static SimulatedConfigfs open(Path dir) {
		return open(dir, false);
	}

	/**
	 * Like {@link #open(Path)}, optionally with the read-only statistics directories.
	 * @param dir the directory
	 * @param statistics whether objects get their {@code statistics} subtrees
	 * @return the simulator
	 */
	public static SimulatedConfigfs open(Path dir, boolean statistics) {
		return open(dir, statistics, false);
	}

	/**
	 * Like {@link #open(Path, boolean)}; with {@code materialise} every object's files
	 * are created on mkdir, so the directory can be browsed with ls and cat like the real
	 * configfs. Without it (the default) an object's files appear in the directory once
	 * written and are served from the kernel's defaults until then, through this class,
	 * identically.
	 * @param dir the directory
	 * @param statistics whether objects get their {@code statistics} subtrees
	 * @param materialise whether default files are created on disk at mkdir
	 * @return the simulator
	 */
	public static SimulatedConfigfs open(Path dir, boolean statistics, boolean materialise) {
		SimulatedConfigfs sim = new SimulatedConfigfs(dir, statistics, materialise);
		try {
			Files.createDirectories(sim.root);
			if (!Files.exists(sim.root.resolve("version"))) {
				sim.materialise(sim.root, sim.tree.root());
			}
		}
		catch (IOException ex) {
			throw new ConfigfsException("init", dir.toString(), ex.toString(), ex);
		}
		return sim;
	}

	@Override
	public Path root() {
		return this.root;
	}

	private Path resolve(String path) {
		return path.isEmpty() ? this.root : this.root.resolve(path);
	}

	// ---- reading ----

	@Override
	public List<Entry> list(String dir) {
		List<Entry> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(resolve(dir))) {
			for (Path p : stream) {
				String name = p.getFileName().toString();
				if (name.startsWith(HIDDEN)) {
					continue;
				}
				PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				Kind kind = a.isSymbolicLink() ? Kind.SYMLINK : a.isDirectory() ? Kind.DIRECTORY : Kind.FILE;
				entries.add(new Entry(name, kind, a.permissions().contains(PosixFilePermission.OWNER_READ),
						a.permissions().contains(PosixFilePermission.OWNER_WRITE)));
			}
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new ConfigfsException("list", dir, ex.toString(), ex);
		}
		if (!this.materialise) {
			addVirtual(dir, entries);
		}
		entries.sort(Comparator.comparing(Entry::name));
		return entries;
	}

	private void addVirtual(String dir, List<Entry> entries) {
		String owner = (markerOf(dir) != null) ? dir : ownerOf(dir);
		if (owner == null) {
			return;
		}
		ObjectKind kind = markerOf(owner);
		Map<String, List<Node>> children = (kind != null) ? this.childrenIndex.get(kind) : null;
		if (children == null) {
			return;
		}
		String rel = dir.equals(owner) ? "" : dir.substring(owner.length() + 1);
		java.util.Set<String> present = new java.util.HashSet<>();
		entries.forEach((e) -> present.add(e.name()));
		for (Node n : children.getOrDefault(rel, List.of())) {
			String name = n.path().substring(n.path().lastIndexOf('/') + 1);
			if (!n.dir() && !present.contains(name)) {
				entries.add(new Entry(name, Kind.FILE, (n.mode() & 0400) != 0, (n.mode() & 0200) != 0));
			}
		}
		// physical files of objects report the kernel's mode too
		entries.replaceAll((e) -> {
			Node n = (e.kind() == Kind.FILE) ? this.index.get(kind).get(rel.isEmpty() ? e.name() : rel + "/" + e.name())
					: null;
			return (n != null) ? new Entry(e.name(), e.kind(), (n.mode() & 0400) != 0, (n.mode() & 0200) != 0) : e;
		});
	}

	@Override
	public boolean exists(String path) {
		if (Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS)) {
			return true;
		}
		return !this.materialise && templateNode(path) != null;
	}

	@Override
	public String read(String path) {
		Path p = resolve(path);
		if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || path.contains("/" + HIDDEN) || path.startsWith(HIDDEN)) {
			throw new ConfigfsException("read", path,
					Files.isDirectory(p) ? "Is a directory" : "No such file or directory");
		}
		Integer mode = modeOf(path);
		if (mode == null) {
			throw new ConfigfsException("read", path, "No such file or directory");
		}
		if ((mode & 0400) == 0) {
			throw new ConfigfsException("read", path, "Permission denied");
		}
		return value(p);
	}

	/**
	 * The mode of an attribute file: the kernel's (from the template) for files of
	 * objects, the physical one otherwise; null if there is no such file.
	 */
	private Integer modeOf(String path) {
		Node n = templateNode(path);
		if (n != null) {
			return n.dir() ? null : n.mode();
		}
		Path p = resolve(path);
		if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		int mode = 0;
		for (PosixFilePermission perm : perms(p)) {
			mode |= switch (perm) {
				case OWNER_READ -> 0400;
				case OWNER_WRITE -> 0200;
				default -> 0;
			};
		}
		return mode;
	}

	/** The template entry of an object's file or directory, or null. */
	private Node templateNode(String path) {
		String owner = ownerOf(path);
		if (owner == null) {
			return null;
		}
		ObjectKind kind = markerOf(owner);
		Map<String, Node> index = (kind != null) ? this.index.get(kind) : null;
		return (index != null) ? index.get(path.substring(owner.length() + 1)) : null;
	}

	/** An attribute file's value: what was written, or the kernel's default. */
	private String value(Path p) {
		if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
			return readRaw(p);
		}
		String path = this.root.relativize(p).toString();
		Node n = templateNode(path);
		if (n == null || n.dir()) {
			throw new ConfigfsException("read", path, "No such file or directory");
		}
		if (path.endsWith("/info") && n.value().contains(KernelTree.TEMPLATE_INITIATOR)) {
			String owner = ownerOf(path);
			return n.value().replace(KernelTree.TEMPLATE_INITIATOR, owner.substring(owner.lastIndexOf('/') + 1));
		}
		return n.value();
	}

	/**
	 * Stores an attribute file's value, creating the file with the kernel's mode if
	 * needed.
	 */
	private void setValue(Path p, String v) {
		if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
			writeRaw(p, v);
			return;
		}
		Node n = templateNode(this.root.relativize(p).toString());
		try {
			createFile(p, (n != null) ? n.mode() : 0644, v);
		}
		catch (IOException ex) {
			throw new ConfigfsException("write", this.root.relativize(p).toString(), ex.toString(), ex);
		}
	}

	@Override
	public String readLink(String path) {
		Path link = resolve(path);
		try {
			Path t = Files.readSymbolicLink(link);
			return this.root.relativize(link.getParent().resolve(t).normalize()).toString();
		}
		catch (IOException ex) {
			throw new ConfigfsException("readlink", path, "No such file or directory", ex);
		}
	}

	// ---- mkdir / rmdir ----

	@Override
	public void mkdir(String path) {
		Path p = resolve(path);
		if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
			throw new ConfigfsException("mkdir", path, "File exists");
		}
		if (!Files.isDirectory(p.getParent())) {
			throw new ConfigfsException("mkdir", path, "No such file or directory");
		}
		ObjectKind kind = kindOf(path);
		if (kind == null) {
			throw new ConfigfsException("mkdir", path, "Operation not permitted");
		}
		validateName(kind, path);
		try {
			Files.createDirectory(p);
			List<Node> template = switch (kind) {
				case HBA_OTHER, SO_OTHER -> List.of();
				default -> this.tree.template(kind, this.statistics);
			};
			// directories always; files only when materialising (otherwise they are
			// served from
			// the template until first written, which makes a large tree ~8x cheaper to
			// build)
			materialise(p, this.materialise ? template : this.dirsOf.getOrDefault(kind, List.of()));
			writeRaw(p.resolve(MARKER), kind.name());
			this.kinds.put(path, java.util.Optional.of(kind));
			if (kind == ObjectKind.ACL && this.materialise) {
				String name = p.getFileName().toString();
				Path info = p.resolve("info");
				writeRaw(info, readRaw(info).replace(KernelTree.TEMPLATE_INITIATOR, name));
			}
		}
		catch (IOException ex) {
			throw new ConfigfsException("mkdir", path, ex.toString(), ex);
		}
	}

	private void validateName(ObjectKind kind, String path) {
		String name = path.substring(path.lastIndexOf('/') + 1);
		boolean ok = switch (kind) {
			case TARGET, ACL -> name.matches("(iqn\\.|eui\\.|naa\\.).{1,219}");
			case TPG -> name.matches("tpgt_\\d{1,5}") && Integer.parseInt(name.substring(5)) <= 65535;
			case LUN, MAPPED_LUN -> name.matches("lun_\\d{1,5}") && Integer.parseInt(name.substring(4)) <= 65535;
			case PORTAL -> name.matches("(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+\\]):\\d{1,5}");
			default -> true;
		};
		if (!ok) {
			throw new ConfigfsException("mkdir", path, "Invalid argument");
		}
	}

	private ObjectKind kindOf(String path) {
		Matcher m = HBA.matcher(path);
		if (m.matches()) {
			return switch (m.group(1)) {
				case "fileio" -> ObjectKind.HBA_FILEIO;
				case "user" -> ObjectKind.HBA_USER;
				case "iblock", "pscsi", "rd_mcp" -> ObjectKind.HBA_OTHER;
				default -> null;
			};
		}
		if (SO.matcher(path).matches() && !path.startsWith("core/alua/")) {
			ObjectKind hba = markerOf(path.substring(0, path.lastIndexOf('/')));
			return (hba == ObjectKind.HBA_FILEIO) ? ObjectKind.SO_FILEIO : (hba == ObjectKind.HBA_USER)
					? ObjectKind.SO_USER : (hba == ObjectKind.HBA_OTHER) ? ObjectKind.SO_OTHER : null;
		}
		if (ALUA.matcher(path).matches()) {
			return markerOf(path.substring(0, path.indexOf("/alua/"))) != null ? ObjectKind.ALUA_GROUP : null;
		}
		if (TARGET.matcher(path).matches()) {
			return path.equals("iscsi/discovery_auth") ? null : ObjectKind.TARGET;
		}
		if (TPG.matcher(path).matches()) {
			return ObjectKind.TPG;
		}
		if (PORTAL.matcher(path).matches()) {
			return ObjectKind.PORTAL;
		}
		if (LUN.matcher(path).matches()) {
			return ObjectKind.LUN;
		}
		if (MAPPED_LUN.matcher(path).matches()) {
			return ObjectKind.MAPPED_LUN;
		}
		if (ACL.matcher(path).matches()) {
			return ObjectKind.ACL;
		}
		return null;
	}

	@Override
	public void rmdir(String path) {
		Path p = resolve(path);
		if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
			throw new ConfigfsException("rmdir", path,
					Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? "Not a directory" : "No such file or directory");
		}
		ObjectKind kind = markerOf(path);
		if (kind == null) {
			// a default group (attrib, param, ...) or a fabric root: the kernel refuses
			throw new ConfigfsException("rmdir", path, "Operation not permitted");
		}
		if (hasChildObjects(p)) {
			throw new ConfigfsException("rmdir", path, "Directory not empty");
		}
		if (counter(p.resolve(EXPORTS)) > 0) {
			// something links to this object (a LUN to a storage object, a mapped LUN to
			// a LUN)
			throw new ConfigfsException("rmdir", path, "Device or resource busy");
		}
		try {
			deleteTree(p);
			// child objects cannot exist (checked above); cached default groups stay
			// non-objects
			this.kinds.put(path, java.util.Optional.empty());
		}
		catch (IOException ex) {
			throw new ConfigfsException("rmdir", path, ex.toString(), ex);
		}
	}

	private boolean hasChildObjects(Path dir) {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
			for (Path c : stream) {
				if (Files.isSymbolicLink(c)) {
					return true;
				}
				if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)
						&& (Files.exists(c.resolve(MARKER)) || hasChildObjects(c))) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new ConfigfsException("rmdir", this.root.relativize(dir).toString(), ex.toString(), ex);
		}
	}

	// ---- links ----

	@Override
	public void symlink(String path, String target) {
		Path link = resolve(path);
		String parent = path.substring(0, path.lastIndexOf('/'));
		ObjectKind owner = markerOf(parent);
		Path t = resolve(target);
		if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
			throw new ConfigfsException("symlink", path, "File exists");
		}
		if (owner != ObjectKind.LUN && owner != ObjectKind.MAPPED_LUN) {
			throw new ConfigfsException("symlink", path, "Operation not permitted");
		}
		if (linkIn(resolve(parent)) != null) {
			throw new ConfigfsException("symlink", path, "File exists");
		}
		ObjectKind targetKind = markerOf(target);
		if (owner == ObjectKind.LUN) {
			if (targetKind == null || !targetKind.isStorageObject()) {
				throw new ConfigfsException("symlink", path, "Invalid argument");
			}
			if (!"1".equals(value(t.resolve("enable")))) {
				throw new ConfigfsException("symlink", path, "No such device");
			}
		}
		else {
			// a mapped LUN must point to a linked LUN of its own TPG
			String tpg = parent.substring(0, parent.indexOf("/acls/"));
			if (targetKind != ObjectKind.LUN || !target.startsWith(tpg + "/lun/")) {
				throw new ConfigfsException("symlink", path, "Invalid argument");
			}
			if (linkIn(t) == null) {
				throw new ConfigfsException("symlink", path, "No such device");
			}
		}
		try {
			Files.createSymbolicLink(link, link.getParent().relativize(t));
			addCounter(t.resolve(EXPORTS), 1);
			if (owner == ObjectKind.LUN) {
				setValue(link.getParent().resolve("alua_tg_pt_gp"), groupDisplay("default_tg_pt_gp", "0"));
			}
		}
		catch (IOException ex) {
			throw new ConfigfsException("symlink", path, ex.toString(), ex);
		}
	}

	@Override
	public void unlink(String path) {
		Path link = resolve(path);
		if (!Files.isSymbolicLink(link)) {
			throw new ConfigfsException("unlink", path,
					Files.exists(link) ? "Operation not permitted" : "No such file or directory");
		}
		try {
			Path t = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
			Files.delete(link);
			addCounter(t.resolve(EXPORTS), -1);
		}
		catch (IOException ex) {
			throw new ConfigfsException("unlink", path, ex.toString(), ex);
		}
	}

	private Path linkIn(Path dir) {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
			for (Path c : stream) {
				if (Files.isSymbolicLink(c)) {
					return c;
				}
			}
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	// ---- writes ----

	@Override
	public void write(String path, String value) {
		Path p = resolve(path);
		Integer mode = p.getFileName().toString().startsWith(HIDDEN) ? null : modeOf(path);
		if (mode == null) {
			// configfs has no way to create a file: the attribute exists or it does not
			throw new ConfigfsException("write", path,
					Files.isDirectory(p) ? "Is a directory" : "No such file or directory");
		}
		if ((mode & 0200) == 0) {
			throw new ConfigfsException("write", path, "Permission denied");
		}
		String owner = ownerOf(path);
		ObjectKind kind = (owner != null) ? markerOf(owner) : null;
		String file = (owner != null) ? path.substring(owner.length() + 1) : path;
		Path dir = (owner != null) ? resolve(owner) : this.root;
		String v = value;
		// attributes parse with the trailing newline stripped (sysfs/configfs
		// convention);
		// CHAP values are copied verbatim, newline included
		boolean verbatim = file.startsWith("auth/")
				|| path.startsWith("iscsi/discovery_auth/") && !file.endsWith("enforce_discovery_auth");
		if (!verbatim && v.endsWith("\n")) {
			v = v.substring(0, v.length() - 1);
		}
		String stored = (kind != null) ? store(kind, dir, file, v, path) : storeGlobal(file, v, path);
		if (stored != null) {
			setValue(p, stored);
		}
	}

	private String storeGlobal(String file, String v, String path) {
		if (file.equals("iscsi/discovery_auth/enforce_discovery_auth")) {
			return bool(v, path);
		}
		return v;
	}

	private String store(ObjectKind kind, Path dir, String file, String v, String path) {
		switch (kind) {
			case SO_USER, SO_FILEIO, SO_OTHER -> {
				return storeStorageObject(kind, dir, file, v, path);
			}
			case ALUA_GROUP -> {
				return storeAlua(dir, file, v, path);
			}
			case TPG -> {
				if (file.equals("enable")) {
					String b = bool(v, path);
					if (b.equals("1") && value(dir.resolve("enable")).equals("1")) {
						throw einval(path);
					}
					return b;
				}
				if (file.equals("attrib/authentication")) {
					String b = bool(v, path);
					// iscsit_ta_authentication: the AuthMethod parameter follows
					Path am = dir.resolve("param/AuthMethod");
					String method = value(am);
					if (b.equals("1")) {
						setValue(am, method.replace(",None", "").replace("None,", ""));
					}
					else if (!method.contains("None")) {
						setValue(am, method + ",None");
					}
					return b;
				}
				if (file.startsWith("param/")) {
					return param(file.substring(6), v, path);
				}
				if (file.startsWith("auth/")) {
					return auth(dir, file, v);
				}
				String attr = file.substring(file.indexOf('/') + 1);
				if (TPG_BOOLEANS.contains(attr)) {
					return bool(v, path);
				}
				long[] r = TPG_RANGES.get(attr);
				return (r != null) ? range(v, r[0], r[1], path) : numeric(dir.resolve(file), v, path);
			}
			case ACL -> {
				if (file.equals("cmdsn_depth")) {
					return range(v, 1, 512, path);
				}
				if (file.startsWith("auth/")) {
					return auth(dir, file, v);
				}
				long[] r = ACL_ATTRIBUTE_RANGES.get(file.substring(file.indexOf('/') + 1));
				if (r != null) {
					return range(v, r[0], r[1], path);
				}
				return numeric(dir.resolve(file), v, path);
			}
			case LUN -> {
				if (file.equals("alua_tg_pt_gp")) {
					Path link = linkIn(dir);
					if (link == null) {
						throw new ConfigfsException("write", path, "No such device");
					}
					Path so = link.getParent().resolve(readLinkRaw(link)).normalize();
					Path group = so.resolve("alua").resolve(v.strip());
					if (v.isBlank() || !Files.isDirectory(group)) {
						throw einval(path);
					}
					return groupDisplay(v.strip(), value(group.resolve("tg_pt_gp_id")));
				}
				return numeric(dir.resolve(file), v, path);
			}
			case MAPPED_LUN -> {
				return file.equals("write_protect") ? bool(v, path) : numeric(dir.resolve(file), v, path);
			}
			default -> {
				return numeric(dir.resolve(file), v, path);
			}
		}
	}

	private String storeStorageObject(ObjectKind kind, Path dir, String file, String v, String path) {
		boolean enabled = "1".equals(value(dir.resolve("enable")));
		long exports = counter(dir.resolve(EXPORTS));
		switch (file) {
			case "control" -> {
				control(kind, dir, v, enabled, path);
				return null;
			}
			case "enable" -> {
				if (!v.strip().equals("1")) {
					throw einval(path);
				}
				if (enabled) {
					throw new ConfigfsException("write", path, "File exists");
				}
				enable(kind, dir, path);
				return "1";
			}
			case "wwn/vpd_unit_serial" -> {
				if (exports > 0) {
					// target_wwn_unit_serial_store: "Unable to set VPD Unit Serial while
					// active exports exist"
					throw einval(path);
				}
				if (v.length() > 254) {
					throw new ConfigfsException("write", path, "Value too large for defined data type");
				}
				return "T10 VPD Unit Serial Number: " + v;
			}
			case "attrib/cmd_time_out", "attrib/block_size" -> {
				if (exports > 0) {
					throw einval(path);
				}
				return numeric(dir.resolve(file), v, path);
			}
			case "attrib/dev_config" -> {
				return v;
			}
			default -> {
				return file.startsWith("attrib/") ? numeric(dir.resolve(file), v, path) : v;
			}
		}
	}

	private void control(ObjectKind kind, Path dir, String v, boolean enabled, String path) {
		for (String kv : v.split(",")) {
			int eq = kv.indexOf('=');
			if (eq <= 0) {
				throw einval(path);
			}
			String key = kv.substring(0, eq).strip();
			String val = kv.substring(eq + 1);
			if (kind == ObjectKind.SO_USER) {
				switch (key) {
					case "dev_config" -> {
						if (val.isEmpty() || val.length() > 2047) {
							throw einval(path);
						}
						setValue(dir.resolve("attrib/dev_config"), val);
					}
					case "dev_size" -> setValue(dir.resolve("attrib/dev_size"), unsigned(val, path));
					case "max_data_area_mb" -> {
						if (enabled) {
							// tcmu: "Cannot set max_data_area_mb after it has been
							// enabled."
							throw einval(path);
						}
						setValue(dir.resolve("attrib/max_data_area_mb"), unsigned(val, path));
					}
					case "hw_max_sectors" -> setValue(dir.resolve("attrib/hw_max_sectors"), unsigned(val, path));
					case "hw_block_size", "nl_reply_supported" -> unsigned(val, path);
					default -> throw einval(path);
				}
			}
			else if (kind == ObjectKind.SO_FILEIO) {
				switch (key) {
					case "fd_dev_name" -> writeRaw(dir.resolve(".lio-fd_dev_name"), val);
					case "fd_dev_size" -> writeRaw(dir.resolve(".lio-fd_dev_size"), unsigned(val, path));
					case "fd_buffered_io" -> writeRaw(dir.resolve(".lio-fd_buffered_io"), bool(val, path));
					default -> throw einval(path);
				}
				setValue(dir.resolve("info"), fileioInfo(dir, enabled));
			}
		}
	}

	private void enable(ObjectKind kind, Path dir, String path) {
		if (kind == ObjectKind.SO_FILEIO) {
			if (!Files.exists(dir.resolve(".lio-fd_dev_name")) || !Files.exists(dir.resolve(".lio-fd_dev_size"))) {
				// fd_configure_device: "Missing fd_dev_name=" / "Missing fd_dev_size="
				throw einval(path);
			}
			copyEnabled(dir, KernelTree.ENABLED_FILEIO,
					List.of("attrib/block_size", "attrib/hw_block_size", "attrib/hw_max_sectors",
							"attrib/hw_queue_depth", "attrib/queue_depth", "attrib/optimal_sectors",
							"attrib/max_unmap_block_desc_count", "attrib/max_unmap_lba_count",
							"attrib/max_write_same_len", "attrib/unmap_granularity", "alua_lu_gp"));
			setValue(dir.resolve("info"), fileioInfo(dir, true));
		}
		else if (kind == ObjectKind.SO_USER) {
			if (value(dir.resolve("attrib/dev_config")).isEmpty()) {
				throw einval(path);
			}
			copyEnabled(dir, KernelTree.ENABLED_USER,
					List.of("attrib/hw_block_size", "attrib/hw_queue_depth", "alua_lu_gp"));
			if (value(dir.resolve("attrib/hw_max_sectors")).equals("0")) {
				setValue(dir.resolve("attrib/hw_max_sectors"), "128");
			}
			String info = this.tree.value(KernelTree.ENABLED_USER + "/info");
			setValue(dir.resolve("info"),
					info.replace("HwMaxSectors: 1024", "HwMaxSectors: " + value(dir.resolve("attrib/hw_max_sectors")))
						.replace("rbd/pool/image;osd_op_timeout=30", value(dir.resolve("attrib/dev_config")))
						.replace("Size: 1048576", "Size: " + value(dir.resolve("attrib/dev_size")))
						.replace("MaxDataAreaMB: 8",
								"MaxDataAreaMB: " + value(dir.resolve("attrib/max_data_area_mb"))));
		}
	}

	private void copyEnabled(Path dir, String template, List<String> files) {
		for (String f : files) {
			String v = this.tree.value(template + "/" + f);
			if (v != null && exists(this.root.relativize(dir.resolve(f)).toString())) {
				setValue(dir.resolve(f), v);
			}
		}
	}

	private String fileioInfo(Path dir, boolean enabled) {
		String name = Files.exists(dir.resolve(".lio-fd_dev_name")) ? readRaw(dir.resolve(".lio-fd_dev_name")) : "";
		String size = Files.exists(dir.resolve(".lio-fd_dev_size")) ? readRaw(dir.resolve(".lio-fd_dev_size")) : "0";
		boolean buffered = Files.exists(dir.resolve(".lio-fd_buffered_io"))
				&& readRaw(dir.resolve(".lio-fd_buffered_io")).equals("1");
		String base = this.tree.value((enabled ? KernelTree.ENABLED_FILEIO : "core/fileio_0/tmpl_fileio") + "/info");
		return base.replaceFirst("File: \\S*\\s+Size: \\d+\\s+Mode: \\S+", Matcher.quoteReplacement(
				"File: " + name + "  Size: " + size + "  Mode: " + (buffered ? "Buffered-WCE" : "O_DSYNC")));
	}

	private String storeAlua(Path dir, String file, String v, String path) {
		switch (file) {
			case "tg_pt_gp_id" -> {
				String id = range(v, 0, 65535, path);
				try (DirectoryStream<Path> groups = Files.newDirectoryStream(dir.getParent())) {
					for (Path g : groups) {
						if (!g.equals(dir) && id.equals(value(g.resolve("tg_pt_gp_id")))) {
							throw einval(path);
						}
					}
				}
				catch (IOException ex) {
					throw new ConfigfsException("write", path, ex.toString(), ex);
				}
				return id;
			}
			case "alua_access_type" -> {
				return ACCESS_TYPES.get(Integer.parseInt(range(v, 0, 3, path)));
			}
			case "alua_access_state" -> {
				String support = STATE_SUPPORT.get(v.strip());
				if (support == null || value(dir.resolve("tg_pt_gp_id")).isEmpty()
						|| !value(dir.resolve("alua_access_type")).startsWith("Implicit")
						|| !value(dir.resolve(support)).equals("1")) {
					throw einval(path);
				}
				if (!"1".equals(value(dir.getParent().getParent().resolve("enable")))) {
					throw new ConfigfsException("write", path, "No such device");
				}
				return v.strip();
			}
			default -> {
				if (file.startsWith("alua_support_") || file.equals("preferred")) {
					return bool(v, path);
				}
				return numeric(dir.resolve(file), v, path);
			}
		}
	}

	private String param(String name, String v, String path) {
		if (YES_NO.contains(name)) {
			if (!v.equals("Yes") && !v.equals("No")) {
				throw einval(path);
			}
			return v;
		}
		long[] r = PARAM_RANGES.get(name);
		if (r != null) {
			return range(v, r[0], r[1], path);
		}
		if (name.equals("AuthMethod") && !v.matches("(CHAP|None|SRP|KRB5|SPKM1|SPKM2)(,(CHAP|None))*")) {
			throw einval(path);
		}
		if ((name.equals("HeaderDigest") || name.equals("DataDigest"))
				&& !v.matches("(CRC32C|None)(,(CRC32C|None))?")) {
			throw einval(path);
		}
		return v;
	}

	private String auth(Path dir, String file, String v) {
		// iscsi_target_configfs: a value starting with NULL clears it;
		// authenticate_target is 1
		// when both mutual values are set
		Path at = dir.resolve("auth/authenticate_target");
		if (file.endsWith("_mutual") && exists(this.root.relativize(at).toString())) {
			String other = file.equals("auth/userid_mutual") ? "auth/password_mutual" : "auth/userid_mutual";
			String o = value(dir.resolve(other));
			boolean set = !v.startsWith("NULL") && !v.isEmpty() && !o.isEmpty() && !o.startsWith("NULL");
			setValue(at, set ? "1" : "0");
		}
		return v;
	}

	// ---- value checks ----

	private String numeric(Path file, String v, String path) {
		String current = value(file);
		if (INTEGER.matcher(current).matches() && !INTEGER.matcher(v.strip()).matches()) {
			throw einval(path);
		}
		return v.strip();
	}

	private static String bool(String v, String path) {
		String s = v.strip();
		if (!s.equals("0") && !s.equals("1")) {
			throw einval(path);
		}
		return s;
	}

	private static String range(String v, long min, long max, String path) {
		try {
			long n = Long.parseLong(v.strip());
			if (n < min || n > max) {
				throw einval(path);
			}
			return Long.toString(n);
		}
		catch (NumberFormatException ex) {
			throw einval(path);
		}
	}

	private static String unsigned(String v, String path) {
		return range(v, 0, Long.MAX_VALUE, path);
	}

	private static ConfigfsException einval(String path) {
		return new ConfigfsException("write", path, "Invalid argument");
	}

	private String groupDisplay(String name, String id) {
		String template = this.tree.value(KernelTree.TEMPLATE_PATHS.get(ObjectKind.LUN) + "/alua_tg_pt_gp");
		return template.replace("TG Port Alias: default_tg_pt_gp", "TG Port Alias: " + name)
			.replace("TG Port Group ID: 0", "TG Port Group ID: " + id);
	}

	// ---- bookkeeping ----

	private ObjectKind markerOf(String path) {
		// cached per instance: every operation asks this for each ancestor; mkdir and
		// rmdir below
		// keep the cache right (other processes must not change the same tree
		// concurrently)
		java.util.Optional<ObjectKind> cached = this.kinds.get(path);
		if (cached == null) {
			Path m = resolve(path).resolve(MARKER);
			cached = Files.exists(m, LinkOption.NOFOLLOW_LINKS) ? java.util.Optional.of(ObjectKind.valueOf(readRaw(m)))
					: java.util.Optional.empty();
			this.kinds.put(path, cached);
		}
		return cached.orElse(null);
	}

	/** The nearest enclosing object directory of a file, or null for top-level files. */
	private String ownerOf(String path) {
		String p = path;
		int i;
		while ((i = p.lastIndexOf('/')) > 0) {
			p = p.substring(0, i);
			if (markerOf(p) != null) {
				return p;
			}
		}
		return null;
	}

	private long counter(Path file) {
		return Files.exists(file) ? Long.parseLong(value(file)) : 0;
	}

	private void addCounter(Path file, int delta) {
		writeRaw(file, Long.toString(counter(file) + delta));
	}

	private void materialise(Path base, List<Node> nodes) throws IOException {
		for (Node n : nodes) {
			Path p = base.resolve(n.path());
			if (n.dir()) {
				Files.createDirectories(p);
			}
			else {
				createFile(p, n.mode(), n.value());
			}
		}
	}

	private static void createFile(Path p, int mode, String value) throws IOException {
		Set<PosixFilePermission> perms = PosixFilePermissions.fromString(modeString(mode));
		FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(perms);
		try (SeekableByteChannel ch = Files.newByteChannel(p,
				EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attr)) {
			ch.write(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
		}
	}

	private static String modeString(int mode) {
		StringBuilder sb = new StringBuilder();
		String rwx = "rwx";
		for (int i = 8; i >= 0; i--) {
			sb.append(((mode >> i) & 1) != 0 ? rwx.charAt(2 - i % 3) : '-');
		}
		return sb.toString();
	}

	private static Set<PosixFilePermission> perms(Path p) {
		try {
			return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return Set.of();
		}
	}

	private static String readRaw(Path p) {
		try {
			return Files.readString(p, StandardCharsets.UTF_8);
		}
		catch (java.nio.file.AccessDeniedException ex) {
			// not running as root: the simulated mode bits also bind the simulator itself
			return withOwnerAccess(p, () -> Files.readString(p, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new ConfigfsException("read", p.toString(), "No such file or directory", ex);
		}
	}

	private static Path readLinkRaw(Path link) {
		try {
			return Files.readSymbolicLink(link);
		}
		catch (IOException ex) {
			throw new ConfigfsException("readlink", link.toString(), ex.toString(), ex);
		}
	}

	private static void writeRaw(Path p, String value) {
		try {
			// files keep their mode; a read-only attribute's value changes only through
			// the kernel
			Files.writeString(p, value, StandardCharsets.UTF_8);
		}
		catch (java.nio.file.AccessDeniedException ex) {
			withOwnerAccess(p, () -> Files.writeString(p, value, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new ConfigfsException("write", p.toString(), ex.toString(), ex);
		}
	}

	private interface IoAction<T> {

		T run() throws IOException;

	}

	private static <T> T withOwnerAccess(Path p, IoAction<T> action) {
		try {
			Set<PosixFilePermission> before = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
			Set<PosixFilePermission> open = EnumSet.copyOf(before);
			open.add(PosixFilePermission.OWNER_READ);
			open.add(PosixFilePermission.OWNER_WRITE);
			Files.setPosixFilePermissions(p, open);
			try {
				return action.run();
			}
			finally {
				Files.setPosixFilePermissions(p, before);
			}
		}
		catch (IOException ex) {
			throw new ConfigfsException("access", p.toString(), ex.toString(), ex);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
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
