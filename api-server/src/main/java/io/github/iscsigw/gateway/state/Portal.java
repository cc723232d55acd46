package io.github.iscsigw.gateway.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/**
 * One gateway serving a target: {@code targets[iqn].portals["<fqdn>"]} (gateway-conf.md
 * §2.4). Lists keep their stored order (it is meaningful: the target's {@code ip_list}
 * order numbers the TPGs).
 *
 * @param portalIpAddresses this gateway's portal IPs
 * @param gatewayIpList copy of the target's full {@code ip_list}
 * @param inactivePortalIps {@code gatewayIpList} minus this gateway's own IPs
 * @param tpgs number of TPGs the target has on each gateway
 * @param other keys this version does not know, kept for the next write
 */
@JsonPropertyOrder(alphabetic = true)
public record Portal(@JsonProperty("portal_ip_addresses") List<String> portalIpAddresses,
		@JsonProperty("gateway_ip_list") List<String> gatewayIpList,
		@JsonProperty("inactive_portal_ips") List<String> inactivePortalIps, @JsonProperty("tpgs") int tpgs,
		@JsonAnyGetter @JsonAnySetter Map<String, JsonNode> other) {

	public Portal {
		portalIpAddresses = Canonical.list(portalIpAddresses);
		gatewayIpList = Canonical.list(gatewayIpList);
		inactivePortalIps = Canonical.list(inactivePortalIps);
		other = Canonical.jsonMap(other);
	}

	public Portal(List<String> portalIpAddresses, List<String> gatewayIpList, List<String> inactivePortalIps,
			int tpgs) {
		this(portalIpAddresses, gatewayIpList, inactivePortalIps, tpgs, Map.of());
	}

}
