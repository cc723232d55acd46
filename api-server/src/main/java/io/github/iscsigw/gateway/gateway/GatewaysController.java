package io.github.iscsigw.gateway.gateway;

import java.util.Map;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/gateways/<target_iqn>} (rbd-target-api.md §6.9): the target's portals.
 */
@RestController
class GatewaysController {

	private final ConfigRepository config;

	GatewaysController(ConfigRepository config) {
		this.config = config;
	}

	@GetMapping("/api/gateways/{target_iqn}")
	Map<String, Portal> gateways(@PathVariable("target_iqn") String targetIqn) {
		return Targets.require(this.config, targetIqn).portals();
	}

}
