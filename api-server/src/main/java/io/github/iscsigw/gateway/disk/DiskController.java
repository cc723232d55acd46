package io.github.iscsigw.gateway.disk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.image.ImageInfo;
import io.github.iscsigw.ceph.image.ImageNotFoundException;
import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.settings.Controls;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Target;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Disks: {@code GET|PUT|DELETE /api/disk/<pool>/<image>} and the internal
 * {@code /api/_disk/…} (rbd-target-api.md §6.17–6.21). Registering a disk creates or
 * adopts the RBD image and records the disk once; LIO follows from the document on every
 * gateway.
 */
@RestController
class DiskController {

	static final String BACKSTORE = Disk.USER_RBD;

	private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9\\-_.]+");

	private final ConfigRepository config;

	private final Changes changes;

	private final ImageStore images;

	private final Controls controls;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final Clock clock;

	private final int diskLimit;

	private final GatewaySettings settings;

	DiskController(ConfigRepository config, ImageStore images, Controls controls, GatewayIdentity self,
			GatewayReadiness readiness, GatewaySettings settings, Clock clock,
			@Value("${gateway.disk-limit:256}") int diskLimit, Changes changes) {
		this.changes = changes;
		this.settings = settings;
		this.config = config;
		this.images = images;
		this.controls = controls;
		this.self = self;
		this.readiness = readiness;
		this.clock = clock;
		this.diskLimit = diskLimit;
	}

	@GetMapping("/api/disk/{pool}/{image}")
	JsonNode get(@PathVariable("pool") String pool, @PathVariable("image") String image) {
		Disk disk = require(this.config.current().config(), pool + "/" + image);
		ObjectNode body = (ObjectNode) ConfigCodec.toTree(GatewayConfig.seed("").withDisk(disk.id(), disk))
			.get("disks")
			.get(disk.id());
		// tcmu-runner health comes from the mgr service map, which embedded mode does not
		// have
		body.putObject("status").put("state", "Unknown");
		return body;
	}

	@GetMapping("/api/_disk/{pool}/{image}")
	Disk internalGet(@PathVariable("pool") String pool, @PathVariable("image") String image) {
		return require(this.config.current().config(), pool + "/" + image);
	}

	@PutMapping("/api/disk/{pool}/{image}")
	Map<String, Object> put(@PathVariable("pool") String pool, @PathVariable("image") String image,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String id = pool + "/" + image;
		String mode = form.get("mode", "");
		GatewayConfig current = this.config.current().config();
		if (!mode.equals("create")) {
			require(current, id);
		}
		Optional<Map<String, JsonNode>> requested = form.optional("controls").map(this::parseControls);
		String backstore = form.get("backstore", BACKSTORE);
		if (!backstore.equals(BACKSTORE)) {
			throw ApiException.badRequest("Invalid '" + backstore + "' backstore - Supported backstores: " + BACKSTORE);
		}
		return switch (mode) {
			case "create" -> create(pool, image, form, current);
			case "resize" -> resize(pool, image, form);
			case "reconfigure" -> reconfigure(id, requested.orElse(Map.of()));
			default -> throw ApiException.badRequest("disk operation mode '" + mode + "' is invalid");
		};
	}

	private Map<String, Object> create(String pool, String image, LegacyForm form, GatewayConfig current) {
		if (!this.images.poolExists(pool)) {
			throw ApiException.badRequest("pool name is invalid");
		}
		Optional<String> sizeText = form.optional("size");
		Optional<Long> size = sizeText
			.map((text) -> DiskSize.parse(text).orElseThrow(() -> ApiException.badRequest("Size is invalid")));
		if (current.disks().size() >= this.diskLimit) {
			throw ApiException.badRequest("Disk limit of " + this.diskLimit + " reached.");
		}
		if (!NAME.matcher(pool).matches()) {
			throw ApiException.badRequest("Invalid pool name (use alphanumeric, '_', '.', or '-' characters)");
		}
		if (!NAME.matcher(image).matches()) {
			throw ApiException.badRequest("Invalid image name (use alphanumeric, '_', '.', or '-' characters)");
		}
		Optional<String> wwn = form.optional("wwn").filter((value) -> !value.isEmpty());
		if (wwn.isPresent()) {
			for (Disk disk : current.disks().values()) {
				if (disk.wwn().equals(wwn.get())) {
					throw ApiException.badRequest("WWN " + wwn.get() + " is already in use by " + disk.id());
				}
			}
		}
		int count = parseCount(form.get("count", "1"));
		if (count > 1 && wwn.isPresent()) {
			throw ApiException.badRequest("WWN cannot be specified when count > 1");
		}
		List<String> names = new ArrayList<>();
		if (count == 1) {
			names.add(image);
		}
		else {
			for (int i = 1; i <= count; i++) {
				names.add(image + i);
			}
		}
		for (String name : names) {
			if (current.disks().containsKey(pool + "/" + name)) {
				throw ApiException.badRequest("at least one rbd image(s) with that name/prefix is already defined");
			}
		}
		if (current.disks().size() + names.size() > this.diskLimit) {
			throw ApiException.badRequest("Disk limit of " + this.diskLimit + " reached.");
		}
		String createImage = form.get("create_image", "true");
		if (!createImage.equals("true") && !createImage.equals("false")) {
			throw ApiException.badRequest("Invalid 'create_image' value " + createImage);
		}
		boolean mayCreate = createImage.equals("true");
		for (String name : names) {
			allocate(pool, name, size, mayCreate);
		}
		long poolId = this.images.poolId(pool);
		this.changes.commit((config) -> {
			GatewayConfig result = config;
			for (String name : names) {
				String id = pool + "/" + name;
				if (result.disks().containsKey(id)) {
					throw ApiException.badRequest("at least one rbd image(s) with that name/prefix is already defined");
				}
				String now = ConfigCodec.now(this.clock);
				// controls sent on create are validated but not stored, as in ceph-iscsi
				result = result.withDisk(id,
						new Disk(pool, name, poolId, wwn.orElseGet(() -> UUID.randomUUID().toString()), BACKSTORE,
								objectName(result, pool, name), this.self.name(), Map.of(), null, now, now));
			}
			return result;
		});
		return Map.of("message", "disk create/update successful");
	}

	/**
	 * Creates the image, or adopts an existing one (growing it to the requested size).
	 */
	private void allocate(String pool, String image, Optional<Long> size, boolean mayCreate) {
		if (this.images.imageExists(pool, image)) {
			ImageInfo info = this.images.info(pool, image);
			if (!info.hasExclusiveLock()) {
				throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
						"disk create/update failed on " + this.self.name() + ". LUN allocation failure");
			}
			if (size.isPresent() && size.get() > info.size()) {
				this.images.resize(pool, image, size.get());
			}
			return;
		}
		if (!mayCreate) {
			throw ApiException.badRequest("Image " + pool + "/" + image + " does not exist");
		}
		if (size.isEmpty()) {
			throw ApiException.badRequest("Size parameter is required when creating a new image");
		}
		this.images.create(pool, image, size.get());
	}

	/**
	 * {@code <pool>.<image>}, or with a numeric suffix when another disk already uses
	 * that name (e.g. {@code a.b/c} and {@code a/b.c}) (gateway-conf.md §2.2).
	 */
	private static String objectName(GatewayConfig config, String pool, String image) {
		String base = pool + "." + image;
		String candidate = base;
		for (int n = 1; inUse(config, candidate); n++) {
			candidate = base + "." + n;
		}
		return candidate;
	}

	private static boolean inUse(GatewayConfig config, String objectName) {
		return config.disks().values().stream().anyMatch((disk) -> disk.backstoreObjectName().equals(objectName));
	}

	private static int parseCount(String text) {
		try {
			int count = Integer.parseInt(text.strip());
			if (count >= 1 && count <= 10) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiException.badRequest("invalid count specified, must be an integer (1-10)");
	}

	private Map<String, Object> resize(String pool, String image, LegacyForm form) {
		if (!this.images.poolExists(pool)) {
			throw ApiException.badRequest("pool name is invalid");
		}
		long size = form.optional("size")
			.flatMap(DiskSize::parse)
			.orElseThrow(() -> ApiException.badRequest("Size is invalid"));
		long currentSize = this.images.info(pool, image).size();
		if (size <= currentSize) {
			throw ApiException.badRequest("resize value must be larger than the current size ("
					+ DiskSize.human(currentSize) + "/" + currentSize + ")");
		}
		this.readiness.require(this.config.current().config().gateways().keySet(), "disk create/update");
		this.images.resize(pool, image, size);
		// the size is not part of the document; touching the disk tells every gateway to
		// re-read it and resize its LIO device
		String id = pool + "/" + image;
		this.config
			.commit((config) -> config.withDisk(id, require(config, id).withUpdated(ConfigCodec.now(this.clock))));
		return Map.of("message", "disk create/update successful");
	}

	private Map<String, Object> reconfigure(String id, Map<String, JsonNode> requested) {
		GatewayConfig current = this.config.current().config();
		if (!current.gateways().containsKey(this.self.name())) {
			throw ApiException.badRequest(this.self.name() + " cannot be used to perform this operation because it is "
					+ "not defined within the gateways configuration");
		}
		this.readiness.require(current.gateways().keySet(), "lun reconfigured:");
		this.changes.commit((config) -> {
			Disk disk = require(config, id);
			return config.withDisk(id, disk.withControls(this.controls.merge(disk.controls(), requested))
				.withUpdated(ConfigCodec.now(this.clock)));
		});
		return Map.of("message", "lun reconfigured: successful");
	}

	@DeleteMapping("/api/disk/{pool}/{image}")
	Map<String, Object> delete(@PathVariable("pool") String pool, @PathVariable("image") String image,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String id = pool + "/" + image;
		GatewayConfig current = this.config.current().config();
		require(current, id);
		checkUnused(current, id);
		boolean preserveImage = form.optional("preserve_image").map("true"::equals).orElse(false);
		if (!preserveImage && this.images.imageExists(pool, image) && !this.images.snapshots(pool, image).isEmpty()) {
			// refuse before anything changes: the disk stays registered with its image
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"disk map deletion failed on " + this.self.name()
							+ ". Failed to remove the LUN - Unable to delete the underlying rbd image " + image
							+ " - Image has snapshots");
		}
		this.readiness.require(current.gateways().keySet(), "disk map deletion");
		this.changes.commit((config) -> {
			require(config, id);
			checkUnused(config, id);
			return config.withoutDisk(id);
		});
		if (!preserveImage) {
			try {
				this.images.delete(pool, image, Duration.ofSeconds(this.settings.timeOut()),
						Duration.ofSeconds(this.settings.loopDelay()));
			}
			catch (ImageNotFoundException ex) {
				// already gone: nothing to delete
			}
			catch (CephClientException ex) {
				throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "disk map deletion failed on "
						+ this.self.name() + ". Failed to remove the LUN - " + ex.getMessage());
			}
		}
		return Map.of("message", "disk map deletion successful");
	}

	private static void checkUnused(GatewayConfig config, String id) {
		List<String> clients = new ArrayList<>();
		List<String> targets = new ArrayList<>();
		config.targets().forEach((iqn, target) -> {
			if (target.disks().containsKey(id)) {
				targets.add(iqn);
			}
			target.clients().forEach((client, entry) -> {
				if (entry.luns().containsKey(id)) {
					clients.add(client);
				}
			});
		});
		if (!clients.isEmpty()) {
			throw ApiException.badRequest("Unable to delete " + id + ". Allocated to: " + String.join(",", clients));
		}
		if (!targets.isEmpty()) {
			throw ApiException.badRequest("Unable to delete " + id + ". Mapped to: " + String.join(",", targets));
		}
	}

	static Disk require(GatewayConfig config, String id) {
		Disk disk = config.disks().get(id);
		if (disk == null) {
			throw ApiException.notFound("rbd image " + id + " not found");
		}
		return disk;
	}

	/**
	 * Which target exports a disk, if any.
	 * @param config the document
	 * @param id the disk id
	 * @return the target IQN
	 */
	static Optional<String> exportingTarget(GatewayConfig config, String id) {
		for (Map.Entry<String, Target> entry : config.targets().entrySet()) {
			if (entry.getValue().disks().containsKey(id)) {
				return Optional.of(entry.getKey());
			}
		}
		return Optional.empty();
	}

	private Map<String, JsonNode> parseControls(String json) {
		try {
			return this.controls.parseDisk(json);
		}
		catch (Controls.InvalidControlsException ex) {
			throw ApiException.badRequest("Unexpected or invalid controls - " + ex.getMessage());
		}
	}

}
