package io.github.iscsigw.gateway.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * A host group: {@code targets[iqn].groups["<name>"]} (gateway-conf.md §2.4). Every
 * member's {@code luns} equal the group's {@code disks}.
 *
 * @param members client IQNs, in the order they were added
 * @param disks LUN number of each disk, keyed by disk id
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record HostGroup(@JsonProperty("members") List<String> members, @JsonProperty("disks") Map<String, LunRef> disks,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	public HostGroup {
		members = Canonical.list(members);
		disks = Canonical.map(disks);
		other = Canonical.jsonMap(other);
	}

	public HostGroup(List<String> members, Map<String, LunRef> disks) {
		this(members, disks, Map.of());
	}

	public HostGroup withMembers(List<String> members) {
		return new HostGroup(members, this.disks, this.other);
	}

	public HostGroup withDisks(Map<String, LunRef> disks) {
		return new HostGroup(this.members, disks, this.other);
	}

}
