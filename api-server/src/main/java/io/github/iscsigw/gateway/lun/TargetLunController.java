package io.github.iscsigw.gateway.lun;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Iqn;
import io.github.iscsigw.gateway.target.Portals;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exporting a disk through a target: {@code PUT|DELETE /api/targetlun/<target_iqn>} and
 * the internal {@code /api/_targetlun/…} (rbd-target-api.md §6.13–6.15). The owner (the
 * gateway whose TPG is ALUA active/optimized for the LUN) is the portal with the fewest
 * active LUNs.
 */
@RestController
class TargetLunController {

	/** The LUN numbers client mapping code can handle. */
	static final int MAX_LUN_ID = 255;

	private final ConfigRepository config;

	private final Changes changes;

	private final ImageStore images;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final GatewaySettings settings;

	private final Clock clock;

	TargetLunController(ConfigRepository config, ImageStore images, GatewayIdentity self, GatewayReadiness readiness,
			GatewaySettings settings, Clock clock, Changes changes) {
		this.changes = changes;
		this.config = config;
		this.images = images;
		this.self = self;
		this.readiness = readiness;
		this.settings = settings;
		this.clock = clock;
	}

	@PutMapping("/api/targetlun/{target_iqn}")
	Map<String, Object> add(@PathVariable("target_iqn") String rawIqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		requireMinimumGateways(target);
		Targets.requirePortal(target, this.self.name());
		String disk = form.required("disk");
		GatewayConfig current = this.config.current().config();
		Disk entry = current.disks().get(disk);
		if (entry == null) {
			throw ApiException.badRequest("Disk " + disk + " is not defined in the configuration");
		}
		for (Map.Entry<String, Target> other : current.targets().entrySet()) {
			if (other.getValue().disks().containsKey(disk)) {
				throw ApiException.badRequest(
						"Disk " + disk + " cannot be used because it is already mapped on target " + other.getKey());
			}
		}
		if (!this.images.imageExists(entry.pool(), entry.image())) {
			throw ApiException.badRequest("Image " + disk + " not found");
		}
		Optional<Integer> lunId = form.optional("lun_id").map(TargetLunController::parseLunId);
		lunId.ifPresent((id) -> requireFree(target, id));
		this.readiness.require(target.portals().keySet(), "Add target LUN mapping");
		this.changes.commit((config) -> export(config, iqn.value(), disk, lunId, null));
		return Map.of("message", "Target LUN mapping updated successfully");
	}

	/**
	 * Adds the disk to the target with its LUN id and owner, and counts it for the owner.
	 */
	private GatewayConfig export(GatewayConfig config, String iqn, String disk, Optional<Integer> lunId,
			String requestedOwner) {
		Target target = config.targets().get(iqn);
		if (target == null) {
			throw ApiException.notFound("Target " + iqn + " does not exist");
		}
		Disk entry = config.disks().get(disk);
		if (entry == null) {
			throw ApiException.badRequest("Disk " + disk + " is not defined in the configuration");
		}
		if (target.disks().containsKey(disk)) {
			return config;
		}
		int id = lunId.orElseGet(() -> lowestFree(target));
		requireFree(target, id);
		String owner = (requestedOwner != null) ? requestedOwner : Portals.leastLoaded(config, target.portals());
		String now = ConfigCodec.now(this.clock);
		Gateway gateway = config.gateways().get(owner);
		GatewayConfig result = config.withDisk(disk, entry.withOwner(owner).withUpdated(now))
			.withTarget(iqn, target.withDisk(disk, new LunRef(id)).withUpdated(now));
		if (gateway != null) {
			result = result.withGateway(owner, gateway.withActiveLuns(gateway.activeLuns() + 1).withUpdated(now));
		}
		return result;
	}

	@DeleteMapping("/api/targetlun/{target_iqn}")
	Map<String, Object> remove(@PathVariable("target_iqn") String rawIqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		requireMinimumGateways(target);
		Targets.requirePortal(target, this.self.name());
		String disk = form.required("disk");
		if (!this.config.current().config().disks().containsKey(disk)) {
			throw ApiException.badRequest("Disk " + disk + " is not defined in the configuration");
		}
		if (!target.disks().containsKey(disk)) {
			throw ApiException.badRequest("Disk " + disk + " is not defined in target " + iqn);
		}
		target.groups().forEach((name, group) -> {
			if (group.disks().containsKey(disk)) {
				throw ApiException.badRequest("Disk " + disk + " belongs to group " + name);
			}
		});
		requireNotAllocated(target, disk, "Delete target LUN mapping failed - failed on " + this.self.name() + ". ");
		this.readiness.require(target.portals().keySet(), "Delete target LUN mapping");
		this.changes.commit((config) -> unexport(config, iqn.value(), disk));
		return Map.of("message", "Target LUN mapping updated successfully");
	}

	private GatewayConfig unexport(GatewayConfig config, String iqn, String disk) {
		Target target = config.targets().get(iqn);
		if (target == null || !target.disks().containsKey(disk)) {
			return config;
		}
		requireNotAllocated(target, disk, "");
		String now = ConfigCodec.now(this.clock);
		GatewayConfig result = config.withTarget(iqn, target.withoutDisk(disk).withUpdated(now));
		Disk entry = config.disks().get(disk);
		if (entry != null) {
			String owner = entry.owner();
			result = result.withDisk(disk, entry.withOwner(null).withUpdated(now));
			Gateway gateway = (owner != null) ? result.gateways().get(owner) : null;
			if (gateway != null) {
				result = result.withGateway(owner, gateway.withActiveLuns(gateway.activeLuns() - 1).withUpdated(now));
			}
		}
		return result;
	}

	/**
	 * Internal export, as a ceph-iscsi coordinator sends it to each portal: only the
	 * allocating host records it in the document.
	 */
	@PutMapping("/api/_targetlun/{target_iqn}")
	Map<String, Object> internalAdd(@PathVariable("target_iqn") String iqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String disk = form.required("disk");
		String owner = form.required("owner");
		String allocatingHost = form.required("allocating_host");
		Optional<Integer> lunId = form.optional("lun_id").map(TargetLunController::parseLunId);
		if (allocatingHost.equals(this.self.name())) {
			this.changes.commit((config) -> export(config, iqn, disk, lunId, owner));
		}
		return Map.of("message", "LUN mapped");
	}

	@DeleteMapping("/api/_targetlun/{target_iqn}")
	Map<String, Object> internalRemove(@PathVariable("target_iqn") String iqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String disk = form.required("disk");
		String purgeHost = form.required("purge_host");
		Target target = this.config.current().config().targets().get(iqn);
		if (target != null) {
			requireNotAllocated(target, disk, "");
		}
		if (purgeHost.equals(this.self.name())) {
			this.changes.commit((config) -> unexport(config, iqn, disk));
		}
		return Map.of("message", "LUN mapped");
	}

	private void requireMinimumGateways(Target target) {
		int minimum = this.settings.minimumGateways();
		if (target.portals().size() < minimum) {
			throw ApiException.badRequest(
					"at least " + minimum + " gateways must exist before disk mapping operations are permitted");
		}
	}

	private static void requireNotAllocated(Target target, String disk, String prefix) {
		target.clients().forEach((client, entry) -> {
			if (entry.luns().containsKey(disk)) {
				throw ApiException.badRequest(
						prefix + "Failed to remove the LUN - Unable to delete " + disk + " - allocated to " + client);
			}
		});
	}

	private static int parseLunId(String text) {
		int id;
		try {
			id = Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("Lun id must be a number");
		}
		if (id < 0 || id > MAX_LUN_ID) {
			throw ApiException.badRequest("Lun id must be between 0 and " + MAX_LUN_ID);
		}
		return id;
	}

	private static void requireFree(Target target, int id) {
		for (LunRef lun : target.disks().values()) {
			if (lun.lunId() == id) {
				throw ApiException.badRequest("Lun id " + id + " already in use");
			}
		}
	}

	private static int lowestFree(Target target) {
		Set<Integer> used = new HashSet<>();
		target.disks().values().forEach((lun) -> used.add(lun.lunId()));
		for (int id = 0; id <= MAX_LUN_ID; id++) {
			if (!used.contains(id)) {
				return id;
			}
		}
		throw ApiException.badRequest("no free LUN id in target (0-" + MAX_LUN_ID + ")");
	}

}
