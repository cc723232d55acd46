package io.github.iscsigw.gateway.client;

import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/clients/<target_iqn>} (rbd-target-api.md §6.30).
 */
@RestController
class ClientsController {

	private final ConfigRepository config;

	ClientsController(ConfigRepository config) {
		this.config = config;
	}

	@GetMapping("/api/clients/{target_iqn}")
	Map<String, Object> clients(@PathVariable("target_iqn") String targetIqn) {
		return Map.of("clients", List.copyOf(Targets.require(this.config, targetIqn).clients().keySet()));
	}

}
