package io.github.iscsigw.gateway.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Targets;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Session counts and initiator session state: {@code GET /api/targetinfo},
 * {@code /api/_targetinfo}, {@code /api/gatewayinfo}, {@code /api/clientinfo} and
 * {@code /api/_clientinfo} (rbd-target-api.md §6.27–6.29, §6.38–6.39). The public routes
 * ask every portal of the target; names in paths are used verbatim, as ceph-iscsi does.
 */
@RestController
class SessionInfoController {

	private final ConfigRepository config;

	private final GatewayIdentity self;

	private final LioSessions sessions;

	private final PeerReads peers;

	SessionInfoController(ConfigRepository config, GatewayIdentity self, LioSessions sessions, PeerReads peers) {
		this.config = config;
		this.self = self;
		this.sessions = sessions;
		this.peers = peers;
	}

	@GetMapping("/api/targetinfo/{target_iqn}")
	Map<String, Object> targetInfo(@PathVariable("target_iqn") String iqn) {
		Target target = Targets.require(this.config.current().config(), iqn);
		int total = 0;
		for (String gateway : target.portals().keySet()) {
			if (this.peers.unavailable(gateway).filter(GatewayReadiness.ISCSI_DOWN::equals).isPresent()) {
				// API up, iSCSI down: no sessions there to count
				continue;
			}
			JsonNode answer = this.peers.get(gateway, "/api/_targetinfo/" + iqn, () -> localTargetInfo(iqn));
			JsonNode count = answer.get("num_sessions");
			total += (count != null && count.canConvertToInt()) ? count.asInt() : 0;
		}
		return Map.of("num_sessions", total);
	}

	@GetMapping("/api/_targetinfo/{target_iqn}")
	Map<String, Object> localTargetInfo(@PathVariable("target_iqn") String iqn) {
		Targets.require(this.config.current().config(), iqn);
		return Map.of("num_sessions", this.sessions.sessions(iqn));
	}

	@GetMapping("/api/gatewayinfo")
	Map<String, Object> gatewayInfo() {
		GatewayConfig document = this.config.current().config();
		if (!document.gateways().containsKey(this.self.name())) {
			throw ApiException.notFound("Gateway " + this.self.name() + " does not exist in configuration");
		}
		int total = 0;
		for (Map.Entry<String, Target> target : document.targets().entrySet()) {
			if (target.getValue().portals().containsKey(this.self.name())) {
				total += this.sessions.sessions(target.getKey());
			}
		}
		return Map.of("num_sessions", total);
	}

	@GetMapping("/api/clientinfo/{target_iqn}/{client_iqn}")
	Map<String, Object> clientInfo(@PathVariable("target_iqn") String iqn,
			@PathVariable("client_iqn") String clientIqn) {
		Target target = requireClient(this.config.current().config(), iqn, clientIqn);
		String alias = "";
		Map<String, List<String>> states = new TreeMap<>();
		List<String> addresses = new ArrayList<>();
		for (String gateway : target.portals().keySet()) {
			JsonNode answer = this.peers.get(gateway, "/api/_clientinfo/" + iqn + "/" + clientIqn,
					() -> localClientInfo(iqn, clientIqn));
			String gatewayAlias = text(answer.get("alias"));
			if (!gatewayAlias.isEmpty()) {
				alias = gatewayAlias;
			}
			String state = text(answer.get("state"));
			if (!state.isEmpty()) {
				states.computeIfAbsent(state, (key) -> new ArrayList<>()).add(gateway);
			}
			JsonNode ips = answer.get("ip_address");
			if (ips != null && ips.isArray()) {
				for (JsonNode ip : ips.values()) {
					String address = text(ip);
					if (!address.isEmpty() && !addresses.contains(address)) {
						addresses.add(address);
					}
				}
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("alias", alias);
		result.put("ip_address", addresses);
		result.put("state", states);
		return result;
	}

	@GetMapping("/api/_clientinfo/{target_iqn}/{client_iqn}")
	SessionInfo localClientInfo(@PathVariable("target_iqn") String iqn, @PathVariable("client_iqn") String clientIqn) {
		requireClient(this.config.current().config(), iqn, clientIqn);
		return this.sessions.client(iqn, clientIqn);
	}

	private static Target requireClient(GatewayConfig config, String iqn, String clientIqn) {
		Target target = Targets.require(config, iqn);
		if (!target.clients().containsKey(clientIqn)) {
			throw ApiException.notFound("Client " + clientIqn + " does not exist");
		}
		return target;
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : "";
	}

}
