package io.github.iscsigw.gateway.state;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * The LUN number under which a disk is exported: the values of a target's {@code disks},
 * a client's {@code luns} and a host group's {@code disks} ({@code {"lun_id": 0}}).
 *
 * @param lunId the LUN number
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record LunRef(@JsonProperty("lun_id") int lunId, @JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	public LunRef {
		if (lunId < 0) {
			throw new IllegalArgumentException("lun_id must not be negative: " + lunId);
		}
		other = Canonical.jsonMap(other);
	}

	public LunRef(int lunId) {
		this(lunId, Map.of());
	}

}
