package io.github.iscsigw.gateway.target;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.settings.Controls;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Target;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT|DELETE /api/target/<target_iqn>} and the internal {@code /api/_target/…}
 * (rbd-target-api.md §6.4–6.7). A mutation validates, checks that the gateways it
 * involves are up, commits one new document and lets every gateway's reconciler converge.
 */
@RestController
class TargetController {

	private final ConfigRepository config;

	private final Changes changes;

	private final Controls controls;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final Clock clock;

	TargetController(ConfigRepository config, Controls controls, GatewayIdentity self, GatewayReadiness readiness,
			Clock clock, Changes changes) {
		this.changes = changes;
		this.config = config;
		this.controls = controls;
		this.self = self;
		this.readiness = readiness;
		this.clock = clock;
	}

	@PutMapping("/api/target/{target_iqn}")
	Map<String, Object> put(@PathVariable("target_iqn") String rawIqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Optional<String> mode = form.optional("mode");
		if (mode.isPresent() && !mode.get().equals("reconfigure")) {
			throw ApiException.badRequest("Unexpected mode provided for " + iqn + " - " + mode.get());
		}
		Optional<Map<String, JsonNode>> requested = form.optional("controls").map(this::parseControls);
		if (mode.isEmpty()) {
			// Controls sent on create are validated but not stored, as in ceph-iscsi; an
			// existing target is never re-seeded.
			this.changes.commit((config) -> config.targets().containsKey(iqn.value()) ? config
					: config.withTarget(iqn.value(), Target.create(ConfigCodec.now(this.clock))));
			return Map.of("message", "Target defined successfully");
		}
		Target target = this.config.current().config().targets().get(iqn.value());
		if (target == null) {
			throw ApiException.badRequest("Target: " + iqn + " is not defined.");
		}
		if (requested.isEmpty()) {
			return Map.of("message", "Target reconfigured.");
		}
		Targets.requirePortal(target, this.self.name());
		this.readiness.require(target.portals().keySet(), "Target reconfigure");
		this.changes.commit((config) -> {
			Target current = Targets.require(config, iqn.value());
			return config.withTarget(iqn.value(),
					current.withControls(this.controls.merge(current.controls(), requested.get()))
						.withUpdated(ConfigCodec.now(this.clock)));
		});
		return Map.of("message", "Target reconfigured.");
	}

	@DeleteMapping("/api/target/{target_iqn}")
	Map<String, Object> delete(@PathVariable("target_iqn") String rawIqn) {
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		List<String> hosts = new ArrayList<>(target.portals().keySet());
		if (hosts.isEmpty()) {
			hosts.add(this.self.name());
		}
		this.readiness.require(hosts, "Target deletion");
		this.changes.commit((config) -> {
			Target current = Targets.require(config, iqn.value());
			requireEmpty(current);
			return Targets.withoutUnusedGateways(config.withoutTarget(iqn.value()));
		});
		return Map.of("message", "Target deleted.");
	}

	/**
	 * Internal reconfigure: the LIO side follows from the document the coordinator
	 * commits, so this only validates what a ceph-iscsi coordinator sends.
	 */
	@PutMapping("/api/_target/{target_iqn}")
	Map<String, Object> internalPut(@PathVariable("target_iqn") String iqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String mode = form.get("mode", "");
		if (!mode.equals("reconfigure")) {
			throw ApiException.badRequest("Unexpected mode provided for " + iqn + " - " + mode);
		}
		form.optional("controls").ifPresent(this::parseControls);
		return Map.of("message", "Target reconfigured successfully");
	}

	/**
	 * Internal "clearconfig": removes this gateway from the target (and the target when
	 * it was the last portal).
	 */
	@DeleteMapping("/api/_target/{target_iqn}")
	Map<String, Object> internalDelete(@PathVariable("target_iqn") String iqn) {
		this.changes.commit((config) -> {
			Target target = config.targets().get(iqn);
			if (target == null) {
				throw ApiException.notFound("Target " + iqn + " does not exist");
			}
			requireEmpty(target);
			GatewayConfig result;
			if (target.portals().isEmpty()
					|| (target.portals().size() == 1 && target.portals().containsKey(this.self.name()))) {
				result = config.withoutTarget(iqn);
			}
			else {
				result = config.withTarget(iqn, Portals.without(target, this.self.name(), ConfigCodec.now(this.clock)));
			}
			return Targets.withoutUnusedGateways(result);
		});
		return Map.of("message", "Gateway removed successfully");
	}

	private static void requireEmpty(Target target) {
		if (!target.clients().isEmpty() || !target.disks().isEmpty()) {
			throw ApiException.badRequest("Clients(" + target.clients().size() + ") and disks(" + target.disks().size()
					+ ") must be removed before the gateways");
		}
	}

	private Map<String, JsonNode> parseControls(String json) {
		try {
			return this.controls.parseTarget(json);
		}
		catch (Controls.InvalidControlsException ex) {
			throw ApiException.badRequest("Unexpected or invalid controls - " + ex.getMessage());
		}
	}

}
