package io.github.iscsigw.gateway.target;

import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.config.ConfigRepository;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/targets} (rbd-target-api.md §6.3).
 */
@RestController
class TargetsController {

	private final ConfigRepository config;

	TargetsController(ConfigRepository config) {
		this.config = config;
	}

	@GetMapping("/api/targets")
	Map<String, Object> targets() {
		return Map.of("targets", List.copyOf(this.config.current().config().targets().keySet()));
	}

}
