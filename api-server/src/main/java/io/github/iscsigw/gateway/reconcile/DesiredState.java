package io.github.iscsigw.gateway.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.Backstore;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.DiscoveryAuth;
import io.github.iscsigw.lio.model.FileioBackstore;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.Lun;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NetworkPortal;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.UserBackstore;
import tools.jackson.databind.JsonNode;

/**
 * The LIO configuration one gateway must have, derived from the {@code gateway.conf}
 * document exactly as ceph-iscsi lays it out (lio-layout.md): a pure function of the
 * document, the gateway's name, the settings, the disk backing, the image sizes and the
 * CHAP key pair. Nothing here reads configfs or Ceph.
 *
 * <p>
 * What cannot be built is left out and reported instead of failing the whole gateway: a
 * disk whose image is missing (ceph-iscsi 3.6+ skips it too), whose {@code wwn} is still
 * empty (a disk being registered) or whose names LIO refuses; a password that cannot be
 * decrypted (the CHAP values are then left as they are in LIO).
 */
public final class DesiredState {

	/** Target controls written to {@code tpgt_<t>/param/*} (lio-layout.md §4.3). */
	private static final Map<String, String> TPG_PARAMETERS = parameters();

	/** Target controls written to every ACL's {@code attrib/*} (lio-layout.md §5.2). */
	private static final List<String> ACL_ATTRIBUTES = List.of("dataout_timeout", "nopin_response_timeout",
			"nopin_timeout");

	private static final String DEFAULT_CEPH_CONF = "/etc/ceph/ceph.conf";

	private DesiredState() {
	}

	private static Map<String, String> parameters() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("immediate_data", "ImmediateData");
		p.put("initial_r2t", "InitialR2T");
		p.put("max_outstanding_r2t", "MaxOutstandingR2T");
		p.put("first_burst_length", "FirstBurstLength");
		p.put("max_burst_length", "MaxBurstLength");
		p.put("max_recv_data_segment_length", "MaxRecvDataSegmentLength");
		p.put("max_xmit_data_segment_length", "MaxXmitDataSegmentLength");
		return p;
	}

	/**
	 * Turns a stored CHAP password into plain text ({@code ChapCipher::reveal}).
	 */
	@FunctionalInterface
	public interface PasswordReveal {

		/**
		 * Passwords stored in plain text, as without a key pair.
		 */
		PasswordReveal PLAIN = (stored, encrypted) -> encrypted ? null : stored;

		/**
		 * The plain text.
		 * @param stored the stored value
		 * @param encrypted its {@code *_encryption_enabled} flag
		 * @return the plain text, or null if it cannot be decrypted
		 */
		String reveal(String stored, boolean encrypted);

	}

	/**
	 * Everything besides the document and the gateway name the derivation depends on.
	 *
	 * @param settings the effective {@code iscsi-gateway.cfg} (control defaults,
	 * {@code alua_failover_type}, {@code osd_op_timeout}, Ceph client name and config
	 * path)
	 * @param backing {@code user:rbd} or {@code fileio}
	 * @param imageSizes size in bytes of each disk's image, keyed by disk id; a disk
	 * without a size (its image is missing) is left out
	 * @param passwords CHAP password decryption
	 */
	public record Inputs(GatewaySettings settings, DiskBacking backing, Map<String, Long> imageSizes,
			PasswordReveal passwords) {

		public Inputs {
			imageSizes = Map.copyOf(imageSizes);
		}

	}

	/**
	 * The result: the LIO model and what had to be left out.
	 *
	 * @param lio the desired LIO configuration
	 * @param problems one line per object left out or value left alone (never a secret)
	 */
	public record Result(LioConfig lio, List<String> problems) {

		public Result {
			problems = List.copyOf(problems);
		}

	}

	/**
	 * The disks this gateway exports, i.e. those whose image sizes {@link #of} needs.
	 * @param config the document
	 * @param gateway this gateway's name
	 * @return disk ids to disks, for every target the gateway is a portal of
	 */
	public static Map<String, Disk> exportedDisks(GatewayConfig config, String gateway) {
		Map<String, Disk> disks = new TreeMap<>();
		for (Target target : config.targets().values()) {
			if (target.portals().containsKey(gateway)) {
				for (String id : target.disks().keySet()) {
					Disk disk = config.disks().get(id);
					if (disk != null) {
						disks.put(id, disk);
					}
				}
			}
		}
		return disks;
	}

	/**
	 * The LIO configuration {@code gateway} must have.
	 * @param config the document
	 * @param gateway this gateway's name (its key in {@code gateways}/{@code portals})
	 * @param inputs settings, backing, image sizes, password decryption
	 * @return the model and the problems
	 */
	public static Result of(GatewayConfig config, String gateway, Inputs inputs) {
		return new Builder(config, gateway, inputs).build();
	}

	/** One TPG of a target: its tag, the gateway it stands for and that gateway's IPs. */
	private record TpgLayout(int tag, String gateway, List<String> ips) {
	}

	private static final class Builder {

		private final GatewayConfig config;

		private final String gateway;

		private final Inputs inputs;

		private final GatewaySettings settings;

		private final List<String> problems = new ArrayList<>();

		private final Map<String, StorageObject> storageObjects = new TreeMap<>();

		private final List<io.github.iscsigw.lio.model.Target> targets = new ArrayList<>();

		Builder(GatewayConfig config, String gateway, Inputs inputs) {
			this.config = config;
			this.gateway = gateway;
			this.inputs = inputs;
			this.settings = inputs.settings();
		}

		Result build() {
			for (Map.Entry<String, Target> e : this.config.targets().entrySet()) {
				if (e.getValue().portals().containsKey(this.gateway)) {
					try {
						target(e.getKey(), e.getValue());
					}
					catch (LioException ex) {
						this.problems.add("target " + e.getKey() + " left out: " + ex.getMessage());
					}
				}
			}
			Chap discovery = chap("discovery auth", this.config.discoveryAuth());
			DiscoveryAuth discoveryAuth = (discovery != null) ? DiscoveryAuth.cephIscsi(discovery) : null;
			LioConfig lio = new LioConfig(List.copyOf(this.storageObjects.values()), this.targets, discoveryAuth, null);
			return new Result(lio, this.problems);
		}

		private void target(String iqn, Target target) {
			List<TpgLayout> layout = layout(iqn, target);
			// storage objects and LUN ids of the disks this target exports
			Map<String, Integer> lunIds = new LinkedHashMap<>();
			Map<String, StorageObject> exported = new LinkedHashMap<>();
			for (Map.Entry<String, LunRef> e : target.disks().entrySet()) {
				StorageObject so = storageObject(e.getKey(), layout, exported.values());
				if (so == null) {
					continue;
				}
				if (lunIds.containsValue(e.getValue().lunId())) {
					this.problems.add("disk " + e.getKey() + " left out of " + iqn + ": LUN " + e.getValue().lunId()
							+ " is already used");
					continue;
				}
				lunIds.put(e.getKey(), e.getValue().lunId());
				exported.put(e.getKey(), so);
			}
			boolean aclEnabled = target.aclEnabled();
			List<Tpg> tpgs = new ArrayList<>();
			for (TpgLayout t : layout) {
				boolean local = t.gateway().equals(this.gateway);
				List<Lun> luns = new ArrayList<>();
				exported.forEach((diskId, so) -> luns.add(new Lun(lunIds.get(diskId), so.backstore().type(), so.name(),
						aluaGroupName(this.config.disks().get(diskId), t, target))));
				List<NodeAcl> acls = local ? acls(iqn, target, lunIds) : List.of();
				Chap chap = local ? chap("target auth of " + iqn, target.auth()) : null;
				Map<String, String> attributes = new TreeMap<>();
				boolean unknownChap = local && (chap == null || acls.stream().anyMatch((a) -> a.chap() == null));
				if (local && authenticate(chap, acls)) {
					attributes.put("authentication", "1");
				}
				else if (!unknownChap) {
					attributes.put("authentication", "0");
				}
				// else: credentials that cannot be decrypted stay in LIO, and so does the
				// authentication switch (never turn authentication off on a guess)
				attributes.put("tpg_enabled_sendtargets", local ? "1" : "0");
				attributes.put("generate_node_acls", aclEnabled ? "0" : "1");
				attributes.put("demo_mode_write_protect", aclEnabled ? "1" : "0");
				List<NetworkPortal> portals = t.ips().stream().map(NetworkPortal::of).toList();
				tpgs.add(new Tpg(t.tag(), local, attributes, tpgParameters(target), chap, portals, luns, acls));
			}
			exported.values().forEach((so) -> this.storageObjects.put(so.name(), so));
			this.targets.add(new io.github.iscsigw.lio.model.Target(iqn, tpgs));
		}

		/**
		 * TPGs in {@code ip_list} order, one per gateway, tags 1.. (lio-layout.md §4.2).
		 */
		private List<TpgLayout> layout(String iqn, Target target) {
			Map<String, TpgLayout> byGateway = new LinkedHashMap<>();
			List<String> ipList = (target.ipList() != null) ? target.ipList() : List.of();
			for (String ip : ipList) {
				String owner = ipOwner(ip, target);
				if (owner == null) {
					this.problems.add("portal IP " + ip + " of " + iqn + " belongs to no gateway; ignored");
					continue;
				}
				TpgLayout tpg = byGateway.computeIfAbsent(owner,
						(gw) -> new TpgLayout(byGateway.size() + 1, gw, new ArrayList<>()));
				if (!tpg.ips().contains(ip)) {
					tpg.ips().add(ip);
				}
			}
			return List.copyOf(byGateway.values());
		}

		/** Local IPs first (as ceph-iscsi does), then the portals in key order. */
		private String ipOwner(String ip, Target target) {
			Portal own = target.portals().get(this.gateway);
			if (own != null && own.portalIpAddresses().contains(ip)) {
				return this.gateway;
			}
			for (Map.Entry<String, Portal> e : target.portals().entrySet()) {
				if (e.getValue().portalIpAddresses().contains(ip)) {
					return e.getKey();
				}
			}
			return null;
		}

		/**
		 * {@code ao} if the first portal IP of the TPG is one of the owner's portal IPs,
		 * else {@code ano<t>} or {@code standby<t>} (lio-layout.md §3).
		 */
		private String aluaGroupName(Disk disk, TpgLayout tpg, Target target) {
			boolean owner = isOwner(disk, tpg, target);
			return AluaGroup.cephIscsi(tpg.tag(), owner, explicitAlua(), 0).name();
		}

		private static boolean isOwner(Disk disk, TpgLayout tpg, Target target) {
			Portal owner = (disk.owner() != null) ? target.portals().get(disk.owner()) : null;
			return owner != null && !tpg.ips().isEmpty() && owner.portalIpAddresses().contains(tpg.ips().get(0));
		}

		private boolean explicitAlua() {
			return "explicit".equals(this.settings.string("alua_failover_type"));
		}

		private StorageObject storageObject(String diskId, List<TpgLayout> layout,
				java.util.Collection<StorageObject> sameTarget) {
			Disk disk = this.config.disks().get(diskId);
			if (disk == null) {
				this.problems.add("disk " + diskId + " left out: not in disks");
				return null;
			}
			if (disk.wwn().isEmpty()) {
				this.problems.add("disk " + diskId + " left out: no wwn yet");
				return null;
			}
			Long size = this.inputs.imageSizes().get(diskId);
			if (size == null || size <= 0) {
				this.problems
					.add("disk " + diskId + " left out: image " + disk.pool() + "/" + disk.image() + " not found");
				return null;
			}
			String name = disk.backstoreObjectName().isEmpty() ? disk.pool() + "." + disk.image()
					: disk.backstoreObjectName();
			if (this.storageObjects.containsKey(name) || sameTarget.stream().anyMatch((so) -> so.name().equals(name))) {
				this.problems.add("disk " + diskId + " left out: storage object name " + name + " already used");
				return null;
			}
			try {
				Backstore backstore;
				Map<String, String> attributes = new TreeMap<>();
				if (this.inputs.backing() instanceof DiskBacking.Fileio fileio) {
					backstore = new FileioBackstore(fileio.dataFile(disk.pool(), disk.image()).toString(), size, false);
				}
				else {
					backstore = new UserBackstore(devConfig(disk), size, diskControl(disk, "max_data_area_mb"),
							diskControl(disk, "hw_max_sectors"));
					attributes.put("cmd_time_out", "0");
					attributes.put("qfull_time_out", Integer.toString(diskControl(disk, "qfull_timeout")));
				}
				int globalOsdOpTimeout = this.settings.integer("osd_op_timeout");
				Target target = targetOf(diskId);
				List<AluaGroup> groups = new ArrayList<>();
				for (TpgLayout t : layout) {
					groups.add(
							AluaGroup.cephIscsi(t.tag(), isOwner(disk, t, target), explicitAlua(), globalOsdOpTimeout));
				}
				return new StorageObject(name, backstore, disk.wwn(), attributes, groups, true);
			}
			catch (LioException ex) {
				this.problems.add("disk " + diskId + " left out: " + ex.getMessage());
				return null;
			}
		}

		private Target targetOf(String diskId) {
			for (Target t : this.config.targets().values()) {
				if (t.portals().containsKey(this.gateway) && t.disks().containsKey(diskId)) {
					return t;
				}
			}
			throw new IllegalStateException(diskId);
		}

		/**
		 * {@code rbd/<pool>/<image>;osd_op_timeout=<n>[;conf=<path>][;id=<id>]}
		 * (lio-layout.md §2).
		 */
		private String devConfig(Disk disk) {
			StringBuilder sb = new StringBuilder("rbd/").append(disk.pool())
				.append('/')
				.append(disk.image())
				.append(";osd_op_timeout=")
				.append(diskControl(disk, "osd_op_timeout"));
			// ceph-iscsi formats '{}/{}.conf' and compares the text
			String cephConf = this.settings.cephConfigDir() + "/" + this.settings.clusterName() + ".conf";
			if (!cephConf.equals(DEFAULT_CEPH_CONF)) {
				sb.append(";conf=").append(cephConf);
			}
			String client = this.settings.clusterClientName();
			if (!client.equals("client.admin")) {
				int dot = client.indexOf('.');
				sb.append(";id=").append((dot >= 0) ? client.substring(dot + 1) : client);
			}
			return sb.toString();
		}

		private int diskControl(Disk disk, String key) {
			Integer value = intValue(disk.controls().get(key));
			return (value != null) ? value : this.settings.integer(key);
		}

		private int targetControl(Target target, String key) {
			Integer value = intValue(target.controls().get(key));
			return (value != null) ? value : this.settings.integer(key);
		}

		private boolean targetFlag(Target target, String key) {
			JsonNode node = target.controls().get(key);
			if (node != null && node.isBoolean()) {
				return node.booleanValue();
			}
			if (node != null && node.isString()) {
				String s = node.asString().strip().toLowerCase(java.util.Locale.ROOT);
				if (Set.of("yes", "true", "1").contains(s)) {
					return true;
				}
				if (Set.of("no", "false", "0").contains(s)) {
					return false;
				}
			}
			if (node != null && node.isIntegralNumber()) {
				return node.asInt() != 0;
			}
			return this.settings.bool(key);
		}

		private static Integer intValue(JsonNode node) {
			if (node == null || node.isNull()) {
				return null;
			}
			if (node.isIntegralNumber()) {
				return node.asInt();
			}
			if (node.isString()) {
				try {
					return Integer.parseInt(node.asString().strip());
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
			return null;
		}

		private Map<String, String> tpgParameters(Target target) {
			Map<String, String> params = new TreeMap<>();
			TPG_PARAMETERS.forEach((control, param) -> {
				if (control.equals("immediate_data") || control.equals("initial_r2t")) {
					params.put(param, targetFlag(target, control) ? "Yes" : "No");
				}
				else {
					params.put(param, Integer.toString(targetControl(target, control)));
				}
			});
			return params;
		}

		/**
		 * ACLs of the local TPG: every client, with the target-level ACL controls, its
		 * CHAP and its mapped LUNs (host-group members get the group's disks and ids,
		 * lio-layout.md §5.2-§5.3).
		 */
		private List<NodeAcl> acls(String iqn, Target target, Map<String, Integer> lunIds) {
			Map<String, String> attributes = new TreeMap<>();
			for (String a : ACL_ATTRIBUTES) {
				attributes.put(a, Integer.toString(targetControl(target, a)));
			}
			int cmdsnDepth = targetControl(target, "cmdsn_depth");
			List<NodeAcl> acls = new ArrayList<>();
			Set<String> seen = new LinkedHashSet<>();
			for (Map.Entry<String, Client> e : target.clients().entrySet()) {
				String initiator = e.getKey();
				Client client = e.getValue();
				Map<String, LunRef> wanted = new TreeMap<>(client.luns());
				for (Map.Entry<String, HostGroup> g : target.groups().entrySet()) {
					if (g.getKey().equals(client.groupName()) || g.getValue().members().contains(initiator)) {
						wanted.putAll(g.getValue().disks());
					}
				}
				List<MappedLun> mapped = new ArrayList<>();
				Set<Integer> used = new LinkedHashSet<>();
				wanted.forEach((diskId, ref) -> {
					Integer tpgLun = lunIds.get(diskId);
					if (tpgLun == null) {
						if (!target.disks().containsKey(diskId)) {
							this.problems.add("client " + initiator + " of " + iqn + ": disk " + diskId
									+ " is not exported by the target; not mapped");
						}
						return;
					}
					if (!used.add(ref.lunId())) {
						this.problems.add("client " + initiator + " of " + iqn + ": LUN " + ref.lunId()
								+ " requested twice; " + diskId + " not mapped");
						return;
					}
					mapped.add(new MappedLun(ref.lunId(), tpgLun, false));
				});
				try {
					Chap chap = chap("client " + initiator + " of " + iqn, client.auth());
					NodeAcl acl = new NodeAcl(initiator, chap, attributes, cmdsnDepth, mapped);
					if (seen.add(acl.initiator())) {
						acls.add(acl);
					}
				}
				catch (LioException ex) {
					this.problems.add("client " + initiator + " of " + iqn + " left out: " + ex.getMessage());
				}
			}
			return acls;
		}

		/**
		 * {@code attrib/authentication}: on when the TPG itself (demo mode) or any ACL
		 * has a CHAP user and password (lio-layout.md §5.2 step 4).
		 */
		private static boolean authenticate(Chap tpgChap, List<NodeAcl> acls) {
			if (tpgChap != null && !tpgChap.userid().isEmpty() && !tpgChap.password().isEmpty()) {
				return true;
			}
			for (NodeAcl acl : acls) {
				if (acl.chap() != null && !acl.chap().userid().isEmpty() && !acl.chap().password().isEmpty()) {
					return true;
				}
			}
			return false;
		}

		private String reveal(String stored, boolean encrypted) {
			return stored.isEmpty() ? "" : this.inputs.passwords().reveal(stored, encrypted);
		}

		/** Decrypted credentials, or null (leave LIO's alone) when they cannot be. */
		private Chap chap(String what, ChapAuth auth) {
			String password = reveal(auth.password(), auth.passwordEncryptionEnabled());
			String mutual = reveal(auth.mutualPassword(), auth.mutualPasswordEncryptionEnabled());
			if (password == null || mutual == null) {
				this.problems.add(what + ": CHAP password cannot be decrypted; CHAP left as it is");
				return null;
			}
			try {
				return new Chap(auth.username(), password, auth.mutualUsername(), mutual);
			}
			catch (LioException ex) {
				this.problems.add(what + ": " + ex.getMessage() + "; CHAP left as it is");
				return null;
			}
		}

	}

}
