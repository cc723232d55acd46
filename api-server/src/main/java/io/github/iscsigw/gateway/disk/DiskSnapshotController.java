package io.github.iscsigw.gateway.disk;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.image.SnapshotExistsException;
import io.github.iscsigw.ceph.image.SnapshotNotFoundException;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.session.LioSessions;
import io.github.iscsigw.gateway.state.GatewayConfig;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Snapshots of a registered disk: {@code PUT|DELETE /api/disksnap/<pool>/<image>/<name>}
 * (rbd-target-api.md §6.22).
 */
@RestController
class DiskSnapshotController {

	private final ConfigRepository config;

	private final Changes changes;

	private final ImageStore images;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final java.time.Clock clock;

	private final LioSessions sessions;

	DiskSnapshotController(ConfigRepository config, ImageStore images, GatewayIdentity self, GatewayReadiness readiness,
			LioSessions sessions, java.time.Clock clock, Changes changes) {
		this.changes = changes;
		this.config = config;
		this.images = images;
		this.self = self;
		this.readiness = readiness;
		this.clock = clock;
		this.sessions = sessions;
	}

	@PutMapping("/api/disksnap/{pool}/{image}/{name}")
	Map<String, Object> put(@PathVariable("pool") String pool, @PathVariable("image") String image,
			@PathVariable("name") String name, HttpServletRequest request) {
		Disk disk = requireDisk(pool, image, name);
		String mode = LegacyForm.of(request).get("mode", "");
		return switch (mode) {
			case "create" -> create(disk, name);
			case "rollback" -> rollback(disk, name);
			default -> throw ApiException.badRequest("mode is invalid");
		};
	}

	private Map<String, Object> create(Disk disk, String name) {
		try {
			this.images.createSnapshot(disk.pool(), disk.image(), name);
		}
		catch (SnapshotExistsException ex) {
			throw ApiException.badRequest("snapshot " + name + " already exists");
		}
		catch (CephClientException | IllegalArgumentException ex) {
			throw ApiException.badRequest("failed to create snapshot: " + ex.getMessage());
		}
		return Map.of("message", "disk snapshot snapshot created");
	}

	private Map<String, Object> rollback(Disk disk, String name) {
		GatewayConfig current = this.config.current().config();
		if (!current.gateways().containsKey(this.self.name())) {
			throw ApiException.badRequest(this.self.name() + " cannot be used to perform this operation because it is "
					+ "not defined within the gateways configuration");
		}
		this.readiness.require(current.gateways().keySet(), "failed to deactivate disk:");
		refuseWhileInUse(current, disk);
		try {
			this.images.rollback(disk.pool(), disk.image(), name);
		}
		catch (SnapshotNotFoundException ex) {
			throw ApiException.notFound("snapshot " + name + " does not exist");
		}
		catch (CephClientException ex) {
			throw ApiException.badRequest("failed to rollback snapshot: " + ex.getMessage());
		}
		// every gateway re-reads the disk (size may have changed with the snapshot)
		this.changes.commit((config) -> config.withDisk(disk.id(),
				DiskController.require(config, disk.id()).withUpdated(ConfigCodec.now(this.clock))));
		return Map.of("message", "disk snapshot rolled back to snapshot");
	}

	/**
	 * ceph-iscsi deactivates the LUN before a rollback, which fails while an initiator
	 * that has it mapped is logged in; rolling back under a live session would change
	 * data beneath it. (Sessions on this gateway; the others' are not asked yet.)
	 */
	private void refuseWhileInUse(GatewayConfig config, Disk disk) {
		DiskController.exportingTarget(config, disk.id()).ifPresent((iqn) -> {
			config.targets().get(iqn).clients().forEach((client, entry) -> {
				if (entry.luns().containsKey(disk.id()) && this.sessions.client(iqn, client).loggedIn()) {
					throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "failed to deactivate disk: failed on "
							+ this.self.name() + ". deactivate failed - LUN " + disk.image() + " in-use");
				}
			});
		});
	}

	@DeleteMapping("/api/disksnap/{pool}/{image}/{name}")
	Map<String, Object> delete(@PathVariable("pool") String pool, @PathVariable("image") String image,
			@PathVariable("name") String name) {
		Disk disk = requireDisk(pool, image, name);
		try {
			this.images.removeSnapshot(disk.pool(), disk.image(), name);
		}
		catch (SnapshotNotFoundException ex) {
			throw ApiException.notFound("snapshot " + name + " does not exist");
		}
		catch (CephClientException ex) {
			throw ApiException.badRequest("failed to delete snapshot: " + ex.getMessage());
		}
		return Map.of("message", "disk snapshot snapshot deleted");
	}

	private Disk requireDisk(String pool, String image, String name) {
		if (name.isEmpty() || name.contains("/") || name.contains("@")) {
			throw ApiException.badRequest("snapshot name is invalid");
		}
		return DiskController.require(this.config.current().config(), pool + "/" + image);
	}

}
