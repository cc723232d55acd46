package io.github.iscsigw.gateway.state;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * An initiator allowed to log in to a target: {@code targets[iqn].clients["<iqn>"]}
 * (gateway-conf.md §2.4). Carries no timestamps.
 *
 * @param auth the initiator's CHAP credentials
 * @param luns LUN number the initiator sees for each mapped disk, keyed by disk id
 * @param groupName host group the client belongs to, {@code ""} if none
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record Client(@JsonProperty("auth") ChapAuth auth, @JsonProperty("luns") Map<String, LunRef> luns,
		@JsonProperty("group_name") String groupName, @JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	/** A new client as ceph-iscsi seeds it: no CHAP, no LUNs, no group. */
	public static final Client NEW = new Client(ChapAuth.NONE, Map.of(), "");

	public Client {
		auth = (auth != null) ? auth : ChapAuth.NONE;
		luns = Canonical.map(luns);
		groupName = Canonical.text(groupName);
		other = Canonical.jsonMap(other);
	}

	public Client(ChapAuth auth, Map<String, LunRef> luns, String groupName) {
		this(auth, luns, groupName, Map.of());
	}

	public Client withAuth(ChapAuth auth) {
		return new Client(auth, this.luns, this.groupName, this.other);
	}

	public Client withLuns(Map<String, LunRef> luns) {
		return new Client(this.auth, luns, this.groupName, this.other);
	}

	public Client withLun(String diskId, LunRef lun) {
		return withLuns(Canonical.with(this.luns, diskId, lun));
	}

	public Client withoutLun(String diskId) {
		return withLuns(Canonical.without(this.luns, diskId));
	}

	public Client withGroupName(String groupName) {
		return new Client(this.auth, this.luns, groupName, this.other);
	}

}
