package io.github.iscsigw.gateway.settings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/settings} (rbd-target-api.md §6.43, settings.md §3): control limits and
 * effective defaults, keys sorted as Flask emits them.
 */
@RestController
class SettingsController {

	private static final String BACKSTORE = "user:rbd";

	/** exclusive-lock: the only RBD feature an exported image must have. */
	private static final int REQUIRED_RBD_FEATURES = 4;

	private final GatewaySettings settings;

	SettingsController(GatewaySettings settings) {
		this.settings = settings;
	}

	@GetMapping("/api/settings")
	Map<String, Object> settings() {
		Map<String, Object> body = new TreeMap<>();
		body.put("api_version", 2);
		body.put("backstores", List.of(BACKSTORE));
		body.put("config", Map.of("minimum_gateways", this.settings.minimumGateways()));
		body.put("default_backstore", BACKSTORE);
		body.put("disk_controls_limits", Map.of(BACKSTORE, limits(SettingsCatalog.DISK_CONTROLS)));
		body.put("disk_default_controls", Map.of(BACKSTORE, new TreeMap<>(this.settings.diskDefaultControls())));
		body.put("required_rbd_features", Map.of(BACKSTORE, REQUIRED_RBD_FEATURES));
		body.put("target_controls_limits", limits(SettingsCatalog.TARGET_CONTROLS));
		body.put("target_default_controls", new TreeMap<>(this.settings.targetDefaultControls()));
		body.put("unsupported_rbd_features", Map.of(BACKSTORE, 0));
		return body;
	}

	private static Map<String, Object> limits(List<String> names) {
		Map<String, Object> limits = new TreeMap<>();
		for (String name : names) {
			SettingDefinition definition = SettingsCatalog.ALL.get(name);
			Map<String, Object> limit = new TreeMap<>();
			switch (definition.type()) {
				case INT -> {
					limit.put("max", definition.max());
					limit.put("min", definition.min());
					limit.put("type", "int");
				}
				case BOOL -> limit.put("type", "bool");
				case ENUM -> {
					limit.put("type", "enum");
					limit.put("values", definition.values());
				}
				default -> limit.put("type", "str");
			}
			limits.put(name, limit);
		}
		return limits;
	}

}
