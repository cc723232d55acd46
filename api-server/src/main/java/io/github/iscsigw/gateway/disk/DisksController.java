package io.github.iscsigw.gateway.disk;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.Disk;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/disks} (rbd-target-api.md §6.16): disk ids, or whole entries when the
 * form field {@code config} is {@code yes} (any case). The field arrives in the body of a
 * GET, which Spring reads as a request parameter for form-encoded requests.
 */
@RestController
class DisksController {

	private final ConfigRepository config;

	DisksController(ConfigRepository config) {
		this.config = config;
	}

	@GetMapping("/api/disks")
	Map<String, Object> disks(@RequestParam(name = "config", required = false) String config) {
		Map<String, Disk> disks = this.config.current().config().disks();
		if (config != null && config.toLowerCase(Locale.ROOT).equals("yes")) {
			return Map.of("disks", disks);
		}
		return Map.of("disks", List.copyOf(disks.keySet()));
	}

}
