package io.github.iscsigw.lio.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.Configfs.Entry;
import io.github.iscsigw.lio.fs.ConfigfsException;
import io.github.iscsigw.lio.fs.ConfigfsPaths;
import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.Backstore;
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
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.Unmanaged;
import io.github.iscsigw.lio.model.UserBackstore;

/**
 * Reads a configfs tree into the model; never writes.
 *
 * <p>
 * What is looked at: HBA directories {@code core/user_<n>} and {@code core/fileio_<n>}
 * with their storage objects and ALUA groups (not the kernel's {@code default_tg_pt_gp}),
 * the {@code iscsi} fabric's targets, and {@code iscsi/discovery_auth}. Everything else
 * (other backstores such as iblock or pscsi, other fabrics such as loopback or vhost, LU
 * groups, {@code dbroot}) is not ours and is never read, so the planner cannot touch it.
 * Targets and storage objects matching {@link Unmanaged} patterns are skipped too.
 *
 * <p>
 * {@link #observe()} reads every settable value (for dumps). {@link #observe(LioConfig)}
 * reads only what a desired state names: for an object the scope has, the attribute and
 * parameter keys it sets and the nullable fields it manages; for an object the scope
 * lacks (one the planner will delete), its structure only. So {@code observe(desired)}
 * equals {@code desired} exactly when LIO is converged, and reading costs no more than
 * what is managed.
 */
public final class ConfigfsReader {

	private static final Logger log = LoggerFactory.getLogger(ConfigfsReader.class);

	private static final Pattern FILEIO_INFO = Pattern.compile("File: (\\S*)\\s+Size: (\\d+)\\s+Mode: (\\S+)");

	private static final Pattern SERIAL = Pattern.compile("T10 VPD Unit Serial Number: ?(.*)");

	private static final Pattern TG_PT_ALIAS = Pattern.compile("TG Port Alias: (\\S+)");

	/** Backstore values exposed as attributes but modelled in {@link Backstore}. */
	private static final Set<String> BACKSTORE_ATTRIBUTES = Set.of("dev_config", "dev_size");

	private final Configfs fs;

	/**
	 * A reader of the tree behind {@code fs}.
	 * @param fs the configfs (root injected)
	 */
	public ConfigfsReader(Configfs fs) {
		this.fs = fs;
	}

	/**
	 * Reads every managed object with every settable value.
	 * @return the observed configuration
	 */
	public LioConfig observe() {
		return read(null);
	}

	/**
	 * Reads what {@code scope} manages (see the class comment).
	 * @param scope usually the desired configuration
	 * @return the observed configuration, comparable with {@code scope}
	 */
	public LioConfig observe(LioConfig scope) {
		return read(scope);
	}

	private LioConfig read(LioConfig scope) {
		Unmanaged unmanaged = (scope != null) ? scope.unmanaged() : Unmanaged.NONE;
		List<StorageObject> sos = new ArrayList<>();
		for (Entry hba : this.fs.list(ConfigfsPaths.CORE)) {
			BackstoreType type = hba.isDirectory() ? BackstoreType.ofHbaDir(hba.name()) : null;
			if (type == null) {
				continue;
			}
			String hbaPath = ConfigfsPaths.CORE + "/" + hba.name();
			for (Entry e : this.fs.list(hbaPath)) {
				if (!e.isDirectory()) {
					continue;
				}
				StorageObjectId id = new StorageObjectId(type, e.name());
				if (unmanaged.storageObject(id)) {
					continue;
				}
				StorageObject want = (scope != null) ? scope.storageObject(id) : null;
				sos.add(readStorageObject(hbaPath + "/" + e.name(), id, scope == null, want));
			}
		}
		List<Target> targets = new ArrayList<>();
		for (Entry e : this.fs.list(ConfigfsPaths.ISCSI)) {
			if (!e.isDirectory() || e.name().equals("discovery_auth")) {
				continue;
			}
			String iqn;
			try {
				iqn = io.github.iscsigw.lio.model.Names.iqn(e.name());
			}
			catch (LioException ex) {
				log.warn("ignoring iscsi/{}: not an iSCSI name", e.name());
				continue;
			}
			if (!iqn.equals(e.name()) || unmanaged.target(iqn)) {
				continue;
			}
			Target want = (scope != null) ? scope.target(iqn) : null;
			targets.add(readTarget(iqn, scope == null, want));
		}
		DiscoveryAuth discovery = null;
		if (scope == null || scope.discoveryAuth() != null) {
			if (this.fs.exists(ConfigfsPaths.DISCOVERY_AUTH)) {
				discovery = new DiscoveryAuth(readChap(ConfigfsPaths.DISCOVERY_AUTH),
						"1".equals(this.fs.read(ConfigfsPaths.DISCOVERY_AUTH + "/enforce_discovery_auth")));
			}
			else {
				discovery = DiscoveryAuth.NONE;
			}
		}
		return new LioConfig(sos, targets, discovery, (scope != null) ? scope.unmanaged() : null);
	}

	// ---- storage objects ----

	private StorageObject readStorageObject(String path, StorageObjectId id, boolean full, StorageObject want) {
		boolean enabled = "1".equals(this.fs.read(path + "/enable"));
		Backstore backstore = enabled ? readBackstore(path, id.type()) : null;
		if (backstore == null) {
			// a half-created object (never configured or enabled): a placeholder,
			// re-created or deleted
			enabled = false;
			backstore = (id.type() == BackstoreType.USER) ? new UserBackstore("unconfigured", 1, null, null)
					: new FileioBackstore("/unconfigured", 1, false);
		}
		String wwn = null;
		if (full || (want != null && want.wwn() != null)) {
			Matcher m = SERIAL.matcher(this.fs.read(path + "/wwn/vpd_unit_serial"));
			wwn = (m.matches() && !m.group(1).isBlank()) ? m.group(1).strip() : null;
		}
		Map<String, String> attributes = readValues(path + "/attrib",
				full ? null : (want != null) ? want.attributes().keySet() : Set.of(), BACKSTORE_ATTRIBUTES);
		List<AluaGroup> groups = new ArrayList<>();
		for (Entry g : this.fs.list(path + "/alua")) {
			if (!g.isDirectory() || g.name().equals(AluaGroup.DEFAULT_GROUP)) {
				continue;
			}
			String gp = path + "/alua/" + g.name();
			int gid = parseInt(this.fs.read(gp + "/tg_pt_gp_id"), 0);
			AluaGroup wantGroup = (want != null) ? want.aluaGroup(g.name()) : null;
			Map<String, String> ga;
			if (full) {
				ga = new LinkedHashMap<>();
				for (String k : AluaGroup.WRITE_ORDER) {
					if (!k.equals("alua_access_status") && !k.equals("alua_support_lba_dependent")
							&& !k.equals("alua_write_metadata") && this.fs.exists(gp + "/" + k)) {
						ga.put(k, this.fs.read(gp + "/" + k).strip());
					}
				}
			}
			else {
				ga = readValues(gp, (wantGroup != null) ? wantGroup.attributes().keySet() : Set.of(), Set.of());
			}
			groups.add(new AluaGroup(g.name(), gid, ga));
		}
		return new StorageObject(id.name(), backstore, wwn, attributes, groups, enabled);
	}

	private Backstore readBackstore(String path, BackstoreType type) {
		try {
			if (type == BackstoreType.USER) {
				String devConfig = this.fs.read(path + "/attrib/dev_config").strip();
				long size = Long.parseLong(this.fs.read(path + "/attrib/dev_size").strip());
				int mda = parseInt(this.fs.read(path + "/attrib/max_data_area_mb"), 0);
				int hms = parseInt(this.fs.read(path + "/attrib/hw_max_sectors"), 0);
				return new UserBackstore(devConfig, size, (mda > 0) ? mda : null, (hms > 0) ? hms : null);
			}
			Matcher m = FILEIO_INFO.matcher(this.fs.read(path + "/info"));
			if (!m.find()) {
				return null;
			}
			return new FileioBackstore(m.group(1), Long.parseLong(m.group(2)), m.group(3).startsWith("Buffered"));
		}
		catch (LioException | NumberFormatException ex) {
			log.debug("storage object {} is not fully configured: {}", path, ex.getMessage());
			return null;
		}
	}

	// ---- targets ----

	private Target readTarget(String iqn, boolean full, Target want) {
		List<Tpg> tpgs = new ArrayList<>();
		for (Entry e : this.fs.list(ConfigfsPaths.target(iqn))) {
			if (e.isDirectory() && e.name().startsWith("tpgt_")) {
				int tag = parseInt(e.name().substring(5), -1);
				if (tag > 0) {
					tpgs.add(readTpg(iqn, tag, full, (want != null) ? want.tpg(tag) : null));
				}
			}
		}
		return new Target(iqn, tpgs);
	}

	private Tpg readTpg(String iqn, int tag, boolean full, Tpg want) {
		String path = ConfigfsPaths.tpg(iqn, tag);
		boolean enabled = "1".equals(this.fs.read(path + "/enable").strip());
		Map<String, String> attributes = readValues(path + "/attrib",
				full ? null : (want != null) ? want.attributes().keySet() : Set.of(), Set.of());
		Map<String, String> parameters = readValues(path + "/param",
				full ? null : (want != null) ? want.parameters().keySet() : Set.of(), Set.of());
		Chap chap = (full || (want != null && want.chap() != null)) ? readChap(path + "/auth") : null;
		List<NetworkPortal> portals = new ArrayList<>();
		for (Entry e : this.fs.list(path + "/np")) {
			if (e.isDirectory()) {
				portals.add(NetworkPortal.parse(e.name()));
			}
		}
		List<Lun> luns = new ArrayList<>();
		for (Entry e : this.fs.list(path + "/lun")) {
			if (e.isDirectory() && e.name().startsWith("lun_")) {
				int id = parseInt(e.name().substring(4), -1);
				Lun wantLun = (want != null) ? want.lun(id) : null;
				Lun lun = readLun(path + "/lun/" + e.name(), id,
						full || (wantLun != null && wantLun.aluaGroup() != null));
				if (lun != null) {
					luns.add(lun);
				}
			}
		}
		List<NodeAcl> acls = new ArrayList<>();
		for (Entry e : this.fs.list(path + "/acls")) {
			if (e.isDirectory()) {
				NodeAcl wantAcl = (want != null)
						? want.acls().stream().filter((a) -> a.initiator().equals(e.name())).findFirst().orElse(null)
						: null;
				acls.add(readAcl(path + "/acls/" + e.name(), e.name(), full, wantAcl));
			}
		}
		return new Tpg(tag, enabled, attributes, parameters, chap, portals, luns, acls);
	}

	private Lun readLun(String path, int id, boolean readGroup) {
		String link = null;
		for (Entry e : this.fs.list(path)) {
			if (e.kind() == Configfs.Kind.SYMLINK) {
				link = this.fs.readLink(path + "/" + e.name());
			}
		}
		if (link == null) {
			// a LUN directory without a storage object: the kernel refuses nothing else,
			// we
			// represent it as pointing nowhere so the planner deletes it
			log.warn("{} has no storage object link", path);
			return new Lun(id, BackstoreType.USER, "unlinked", null);
		}
		String[] parts = link.split("/");
		BackstoreType type = (parts.length == 3 && parts[0].equals(ConfigfsPaths.CORE))
				? BackstoreType.ofHbaDir(parts[1]) : null;
		if (type == null) {
			log.warn("{} points to {}, a backstore this module does not manage; ignored", path, link);
			return null;
		}
		String group = null;
		if (readGroup) {
			Matcher m = TG_PT_ALIAS.matcher(this.fs.read(path + "/alua_tg_pt_gp"));
			group = m.find() ? m.group(1) : null;
		}
		return new Lun(id, type, parts[2], group);
	}

	private NodeAcl readAcl(String path, String initiator, boolean full, NodeAcl want) {
		Map<String, String> attributes = readValues(path + "/attrib",
				full ? null : (want != null) ? want.attributes().keySet() : Set.of(), Set.of());
		Chap chap = (full || (want != null && want.chap() != null)) ? readChap(path + "/auth") : null;
		Integer cmdsn = (full || (want != null && want.cmdsnDepth() != null))
				? parseInt(this.fs.read(path + "/cmdsn_depth"), 0) : null;
		List<MappedLun> mapped = new ArrayList<>();
		for (Entry e : this.fs.list(path)) {
			if (e.isDirectory() && e.name().startsWith("lun_")) {
				int id = parseInt(e.name().substring(4), -1);
				String mp = path + "/" + e.name();
				int tpgLun = -1;
				for (Entry l : this.fs.list(mp)) {
					if (l.kind() == Configfs.Kind.SYMLINK) {
						String t = this.fs.readLink(mp + "/" + l.name());
						tpgLun = parseInt(t.substring(t.lastIndexOf("lun_") + 4), -1);
					}
				}
				boolean wp = "1".equals(this.fs.read(mp + "/write_protect").strip());
				// an unlinked mapped LUN is shown as mapping LUN 65535 so the planner
				// replaces it
				mapped.add(new MappedLun(id, (tpgLun >= 0) ? tpgLun : 65535, wp));
			}
		}
		return new NodeAcl(initiator, chap, attributes, (cmdsn != null && cmdsn > 0) ? cmdsn : null, mapped);
	}

	// ---- values ----

	private Chap readChap(String dir) {
		return new Chap(chapValue(dir + "/userid"), chapValue(dir + "/password"), chapValue(dir + "/userid_mutual"),
				chapValue(dir + "/password_mutual"));
	}

	private String chapValue(String path) {
		// a value written with a trailing newline (echo instead of printf) keeps it in
		// the kernel and
		// breaks every login; show it escaped so it differs from any valid value and gets
		// rewritten
		return this.fs.read(path).replace("\n", "\\n");
	}

	/**
	 * Reads attribute files of a directory: the named keys, or (keys == null) every
	 * settable one.
	 */
	private Map<String, String> readValues(String dir, Set<String> keys, Set<String> exclude) {
		Map<String, String> values = new LinkedHashMap<>();
		if (keys == null) {
			for (Entry e : this.fs.list(dir)) {
				if (e.isSettable() && !exclude.contains(e.name())) {
					values.put(e.name(), this.fs.read(dir + "/" + e.name()).strip());
				}
			}
		}
		else {
			for (String k : keys) {
				try {
					values.put(k, this.fs.read(dir + "/" + k).strip());
				}
				catch (ConfigfsException ex) {
					// no such attribute on this kernel: reported as absent, the planner
					// writes it
				}
			}
		}
		values.replaceAll((k, v) -> (v.indexOf('\n') >= 0) ? v.replace('\n', ' ') : v);
		return values;
	}

	private static int parseInt(String s, int fallback) {
		try {
			return Integer.parseInt(s.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
