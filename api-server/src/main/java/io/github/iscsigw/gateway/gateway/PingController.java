package io.github.iscsigw.gateway.gateway;

import java.util.Map;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.config.ConfigRepository;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/_ping} (rbd-target-api.md §6.44): 200, or 503 when this host is a
 * configured gateway whose iSCSI portal is not listening. The body is always
 * {@code {"message": "pong"}}.
 */
@RestController
class PingController {

	private final GatewayIdentity identity;

	private final ConfigRepository config;

	private final IscsiPortalProbe probe;

	PingController(GatewayIdentity identity, ConfigRepository config, IscsiPortalProbe probe) {
		this.identity = identity;
		this.config = config;
		this.probe = probe;
	}

	@GetMapping("/api/_ping")
	ResponseEntity<Map<String, Object>> ping() {
		boolean isGateway = this.config.current().config().gateways().containsKey(this.identity.name());
		HttpStatus status = (!isGateway || this.probe.isListening()) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
		return ResponseEntity.status(status).body(Map.of("message", "pong"));
	}

}
