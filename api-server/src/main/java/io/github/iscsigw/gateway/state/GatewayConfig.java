package io.github.iscsigw.gateway.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * The whole {@code gateway.conf} document, version 11 (gateway-conf.md §2): the desired
 * state shared by every gateway. Immutable; the {@code with…} methods return new
 * documents and leave timestamps and the epoch alone (the commit sets those). Read and
 * write it with {@link ConfigCodec}. Maps iterate in Python's {@code sort_keys} order;
 * JSON values ({@code controls}, {@code other}) are private copies that must not be
 * modified.
 *
 * @param version schema version ({@link #CURRENT_VERSION} after reading)
 * @param epoch incremented by 1 on every commit
 * @param created timestamp of seeding ({@code yyyy/MM/dd HH:mm:ss}, UTC)
 * @param updated timestamp of the last commit ({@code ""} right after seeding)
 * @param discoveryAuth CHAP for discovery sessions
 * @param disks registered RBD images keyed {@code "<pool>/<image>"}
 * @param gateways gateway nodes used by at least one target, keyed by FQDN
 * @param targets targets keyed by lower-case IQN
 * @param gatewaysUpgraded transient list of the v9→v10 rolling upgrade; {@code null} (key
 * absent) otherwise
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record GatewayConfig(@JsonProperty("version") int version, @JsonProperty("epoch") long epoch,
		@JsonProperty("created") String created, @JsonProperty("updated") String updated,
		@JsonProperty("discovery_auth") ChapAuth discoveryAuth, @JsonProperty("disks") Map<String, Disk> disks,
		@JsonProperty("gateways") Map<String, Gateway> gateways, @JsonProperty("targets") Map<String, Target> targets,
		@JsonProperty("gateways_upgraded") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> gatewaysUpgraded,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	/** The schema version this code reads and writes. */
	public static final int CURRENT_VERSION = 11;

	public GatewayConfig {
		created = Canonical.text(created);
		updated = Canonical.text(updated);
		discoveryAuth = (discoveryAuth != null) ? discoveryAuth : ChapAuth.NONE;
		disks = Canonical.map(disks);
		gateways = Canonical.map(gateways);
		targets = Canonical.map(targets);
		gatewaysUpgraded = (gatewaysUpgraded != null) ? List.copyOf(gatewaysUpgraded) : null;
		other = Canonical.jsonMap(other);
	}

	public GatewayConfig(int version, long epoch, String created, String updated, ChapAuth discoveryAuth,
			Map<String, Disk> disks, Map<String, Gateway> gateways, Map<String, Target> targets) {
		this(version, epoch, created, updated, discoveryAuth, disks, gateways, targets, null, Map.of());
	}

	/**
	 * The document ceph-iscsi seeds an empty object with (gateway-conf.md §1).
	 * @param now the creation timestamp
	 * @return the seed, epoch 0
	 */
	public static GatewayConfig seed(String now) {
		return new GatewayConfig(CURRENT_VERSION, 0, now, "", ChapAuth.NONE, Map.of(), Map.of(), Map.of());
	}

	public GatewayConfig withDiscoveryAuth(ChapAuth discoveryAuth) {
		return new GatewayConfig(this.version, this.epoch, this.created, this.updated, discoveryAuth, this.disks,
				this.gateways, this.targets, this.gatewaysUpgraded, this.other);
	}

	public GatewayConfig withDisks(Map<String, Disk> disks) {
		return new GatewayConfig(this.version, this.epoch, this.created, this.updated, this.discoveryAuth, disks,
				this.gateways, this.targets, this.gatewaysUpgraded, this.other);
	}

	public GatewayConfig withDisk(String diskId, Disk disk) {
		return withDisks(Canonical.with(this.disks, diskId, disk));
	}

	public GatewayConfig withoutDisk(String diskId) {
		return withDisks(Canonical.without(this.disks, diskId));
	}

	public GatewayConfig withGateways(Map<String, Gateway> gateways) {
		return new GatewayConfig(this.version, this.epoch, this.created, this.updated, this.discoveryAuth, this.disks,
				gateways, this.targets, this.gatewaysUpgraded, this.other);
	}

	public GatewayConfig withGateway(String name, Gateway gateway) {
		return withGateways(Canonical.with(this.gateways, name, gateway));
	}

	public GatewayConfig withoutGateway(String name) {
		return withGateways(Canonical.without(this.gateways, name));
	}

	public GatewayConfig withTargets(Map<String, Target> targets) {
		return new GatewayConfig(this.version, this.epoch, this.created, this.updated, this.discoveryAuth, this.disks,
				this.gateways, targets, this.gatewaysUpgraded, this.other);
	}

	public GatewayConfig withTarget(String iqn, Target target) {
		return withTargets(Canonical.with(this.targets, iqn, target));
	}

	public GatewayConfig withoutTarget(String iqn) {
		return withTargets(Canonical.without(this.targets, iqn));
	}

	/**
	 * Returns the document as committed: epoch + 1 and {@code updated} = now, as
	 * ceph-iscsi's commit does after replaying its changes.
	 * @param now the commit timestamp
	 * @return the copy
	 */
	public GatewayConfig committed(String now) {
		return new GatewayConfig(this.version, this.epoch + 1, this.created, now, this.discoveryAuth, this.disks,
				this.gateways, this.targets, this.gatewaysUpgraded, this.other);
	}

}
