package io.github.iscsigw.gateway.hostgroup;

import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/hostgroups/<target_iqn>} (rbd-target-api.md §6.40).
 */
@RestController
class HostgroupsController {

	private final ConfigRepository config;

	HostgroupsController(ConfigRepository config) {
		this.config = config;
	}

	@GetMapping("/api/hostgroups/{target_iqn}")
	Map<String, Object> hostgroups(@PathVariable("target_iqn") String targetIqn) {
		return Map.of("groups", List.copyOf(Targets.require(this.config, targetIqn).groups().keySet()));
	}

}
