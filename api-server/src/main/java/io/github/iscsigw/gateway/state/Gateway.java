package io.github.iscsigw.gateway.state;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * A gateway node serving at least one target: {@code gateways["<fqdn>"]} (gateway-conf.md
 * §2.3).
 *
 * @param activeLuns number of disks whose ALUA owner this gateway is
 * @param created timestamp ({@code yyyy/MM/dd HH:mm:ss}, UTC)
 * @param updated timestamp
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record Gateway(@JsonProperty("active_luns") int activeLuns, @JsonProperty("created") String created,
		@JsonProperty("updated") String updated, @JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	public Gateway {
		created = Canonical.text(created);
		updated = Canonical.text(updated);
		other = Canonical.jsonMap(other);
	}

	public Gateway(int activeLuns, String created, String updated) {
		this(activeLuns, created, updated, Map.of());
	}

	/**
	 * Returns a copy with another LUN count; ceph-iscsi never lets it drop below 0.
	 * @param activeLuns the new count (negative values become 0)
	 * @return the copy
	 */
	public Gateway withActiveLuns(int activeLuns) {
		return new Gateway(Math.max(0, activeLuns), this.created, this.updated, this.other);
	}

	public Gateway withUpdated(String now) {
		return new Gateway(this.activeLuns, this.created, now, this.other);
	}

}
