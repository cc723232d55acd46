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
 * An iSCSI target: {@code targets["<iqn>"]} (gateway-conf.md §2.4). The {@code with…}
 * methods leave {@code updated} alone; call {@link #withUpdated(String)} once per change,
 * as ceph-iscsi's {@code update_item} does.
 *
 * @param aclEnabled {@code false} = "demo mode", any initiator sees all LUNs
 * @param auth target-level CHAP (only used when ACLs are disabled)
 * @param clients initiators keyed by normalised IQN
 * @param controls target-level setting overrides (only non-default values)
 * @param disks exported disks and their LUN numbers, keyed by disk id
 * @param groups host groups keyed by name
 * @param portals gateways serving the target, keyed by FQDN
 * @param ipList all portal IPs in the order added (defines the TPG numbering);
 * {@code null} (key absent) until the first gateway is added
 * @param created timestamp ({@code yyyy/MM/dd HH:mm:ss}, UTC)
 * @param updated timestamp
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record Target(@JsonProperty("acl_enabled") boolean aclEnabled, @JsonProperty("auth") ChapAuth auth,
		@JsonProperty("clients") Map<String, Client> clients, @JsonProperty("controls") Map<String, JsonNode> controls,
		@JsonProperty("disks") Map<String, LunRef> disks, @JsonProperty("groups") Map<String, HostGroup> groups,
		@JsonProperty("portals") Map<String, Portal> portals,
		@JsonProperty("ip_list") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> ipList,
		@JsonProperty("created") String created, @JsonProperty("updated") String updated,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	public Target {
		auth = (auth != null) ? auth : ChapAuth.NONE;
		clients = Canonical.map(clients);
		controls = Canonical.jsonMap(controls);
		disks = Canonical.map(disks);
		groups = Canonical.map(groups);
		portals = Canonical.map(portals);
		ipList = (ipList != null) ? List.copyOf(ipList) : null;
		created = Canonical.text(created);
		updated = Canonical.text(updated);
		other = Canonical.jsonMap(other);
	}

	public Target(boolean aclEnabled, ChapAuth auth, Map<String, Client> clients, Map<String, JsonNode> controls,
			Map<String, LunRef> disks, Map<String, HostGroup> groups, Map<String, Portal> portals, List<String> ipList,
			String created, String updated) {
		this(aclEnabled, auth, clients, controls, disks, groups, portals, ipList, created, updated, Map.of());
	}

	/**
	 * A freshly created target as ceph-iscsi writes it: ACLs enabled, no CHAP, nothing
	 * exported, no {@code ip_list}.
	 * @param now creation timestamp
	 * @return the target
	 */
	public static Target create(String now) {
		return new Target(true, ChapAuth.NONE, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), null, now, now);
	}

	public Target withAclEnabled(boolean aclEnabled) {
		return new Target(aclEnabled, this.auth, this.clients, this.controls, this.disks, this.groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withAuth(ChapAuth auth) {
		return new Target(this.aclEnabled, auth, this.clients, this.controls, this.disks, this.groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withClients(Map<String, Client> clients) {
		return new Target(this.aclEnabled, this.auth, clients, this.controls, this.disks, this.groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withClient(String iqn, Client client) {
		return withClients(Canonical.with(this.clients, iqn, client));
	}

	public Target withoutClient(String iqn) {
		return withClients(Canonical.without(this.clients, iqn));
	}

	public Target withControls(Map<String, JsonNode> controls) {
		return new Target(this.aclEnabled, this.auth, this.clients, controls, this.disks, this.groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withDisks(Map<String, LunRef> disks) {
		return new Target(this.aclEnabled, this.auth, this.clients, this.controls, disks, this.groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withDisk(String diskId, LunRef lun) {
		return withDisks(Canonical.with(this.disks, diskId, lun));
	}

	public Target withoutDisk(String diskId) {
		return withDisks(Canonical.without(this.disks, diskId));
	}

	public Target withGroups(Map<String, HostGroup> groups) {
		return new Target(this.aclEnabled, this.auth, this.clients, this.controls, this.disks, groups, this.portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withGroup(String name, HostGroup group) {
		return withGroups(Canonical.with(this.groups, name, group));
	}

	public Target withoutGroup(String name) {
		return withGroups(Canonical.without(this.groups, name));
	}

	public Target withPortals(Map<String, Portal> portals) {
		return new Target(this.aclEnabled, this.auth, this.clients, this.controls, this.disks, this.groups, portals,
				this.ipList, this.created, this.updated, this.other);
	}

	public Target withPortal(String gateway, Portal portal) {
		return withPortals(Canonical.with(this.portals, gateway, portal));
	}

	public Target withoutPortal(String gateway) {
		return withPortals(Canonical.without(this.portals, gateway));
	}

	/**
	 * Returns a copy with another IP list.
	 * @param ipList the list, or {@code null} to remove the key
	 * @return the copy
	 */
	public Target withIpList(List<String> ipList) {
		return new Target(this.aclEnabled, this.auth, this.clients, this.controls, this.disks, this.groups,
				this.portals, ipList, this.created, this.updated, this.other);
	}

	public Target withUpdated(String now) {
		return new Target(this.aclEnabled, this.auth, this.clients, this.controls, this.disks, this.groups,
				this.portals, this.ipList, this.created, now, this.other);
	}

}
