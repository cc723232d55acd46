package io.github.iscsigw.gateway.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import io.github.iscsigw.gateway.fanout.PeerClient;
import io.github.iscsigw.gateway.security.SourceAddress;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsHash;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Iqn;
import io.github.iscsigw.gateway.target.Portals;
import io.github.iscsigw.gateway.target.Targets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adding and removing a target's gateways (portals): {@code PUT|DELETE
 * /api/gateway/<target_iqn>/<gateway_name>} and the internal {@code /api/_gateway/…}
 * (rbd-target-api.md §6.10–6.12).
 */
@RestController
class GatewayController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConfigRepository config;

	private final Changes changes;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final PeerClient peers;

	private final GatewaySettings settings;

	private final Clock clock;

	GatewayController(ConfigRepository config, GatewayIdentity self, GatewayReadiness readiness, PeerClient peers,
			GatewaySettings settings, Clock clock, Changes changes) {
		this.changes = changes;
		this.config = config;
		this.self = self;
		this.readiness = readiness;
		this.peers = peers;
		this.settings = settings;
		this.clock = clock;
	}

	@PutMapping("/api/gateway/{target_iqn}/{gateway_name}")
	Map<String, Object> add(@PathVariable("target_iqn") String rawIqn, @PathVariable("gateway_name") String name,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		List<String> ips = form.list("ip_address");
		if (form.optional("ip_address").isEmpty() || ips.isEmpty()) {
			throw ApiException.badRequest("ip_address is required (comma-separated portal IPs of " + name + ")");
		}
		if (target.portals().containsKey(name)) {
			throw ApiException.badRequest("Gateway already exists in configuration");
		}
		if (!form.isTrueIgnoringCase("skipchecks")) {
			checkNewGateway(this.config.current().config(), target, name, ips);
		}
		List<String> involved = new ArrayList<>();
		involved.add(name);
		involved.addAll(target.portals().keySet());
		this.readiness.require(involved, "Gateway creation");
		this.changes.commit((config) -> {
			Target current = config.targets().get(iqn.value());
			if (current == null) {
				throw ApiException.notFound("Target " + iqn + " does not exist");
			}
			if (current.portals().containsKey(name)) {
				throw ApiException.badRequest("Gateway already exists in configuration");
			}
			String now = ConfigCodec.now(this.clock);
			GatewayConfig result = config.withTarget(iqn.value(), Portals.with(current, name, ips, now));
			if (!config.gateways().containsKey(name)) {
				result = result.withGateway(name, new Gateway(0, now, now));
			}
			return result;
		});
		return Map.of("message", "Gateway creation successful");
	}

	/**
	 * ceph-iscsi's {@code valid_gateway} checks, in its order (rbd-target-api.md §6.10
	 * step 3).
	 */
	private void checkNewGateway(GatewayConfig config, Target target, String name, List<String> ips) {
		if (config.gateways().containsKey(name)) {
			throw ApiException.badRequest("Gateway name " + name + " already defined");
		}
		List<String> ipList = (target.ipList() != null) ? target.ipList() : List.of();
		for (String ip : ips) {
			if (ipList.contains(ip)) {
				throw ApiException.badRequest("IP address already defined to the configuration");
			}
		}
		if (!resolves(name)) {
			throw ApiException.badRequest("Gateway '" + name + "' is not resolvable to an IP address");
		}
		for (String ip : ips) {
			if (SourceAddress.normalise(ip).isEmpty() && !resolves(ip)) {
				throw ApiException.badRequest(
						"IP address provided is not usable (name doesn't resolve, or not a valid IPv4/IPv6 address)");
			}
		}
		PeerClient.Answer addresses = sysinfo(name, "ip_addresses");
		if (addresses.status() != 200) {
			throw ApiException.badRequest("ip_addresses query to " + name + " failed - check rbd-target-api log. "
					+ "Is the API server running and in the right mode (http/https)?");
		}
		List<String> available = new ArrayList<>();
		data(addresses).ifPresentOrElse((data) -> data.values().forEach((value) -> available.add(value.asString())),
				() -> {
					throw ApiException.badRequest("Malformed REST API response");
				});
		for (String ip : ips) {
			String normalised = SourceAddress.normalise(ip).orElse(ip);
			if (!available.contains(normalised) && !available.contains(ip)) {
				throw ApiException.badRequest("IP address of " + ip + " is not available on " + name
						+ ". Valid IPs are :" + String.join(",", available));
			}
		}
		PeerClient.Answer checkconf = sysinfo(name, "checkconf");
		if (checkconf.status() != 200) {
			throw ApiException.badRequest("checkconf API call to " + name + " failed with code " + checkconf.status());
		}
		String theirs = data(checkconf).map(JsonNode::asString).orElse("");
		if (!theirs.equals(SettingsHash.of(this.settings))) {
			throw ApiException.badRequest("/etc/ceph/iscsi-gateway.cfg on " + name
					+ " does not match the local version. Correct and retry request");
		}
		PeerClient.Answer versions = sysinfo(name, "checkversions");
		if (versions.status() != 200) {
			List<String> errors = new ArrayList<>();
			data(versions).ifPresent((data) -> data.values().forEach((value) -> errors.add(value.asString())));
			throw ApiException.badRequest(name + " failed package validation checks - " + String.join(",", errors));
		}
	}

	private PeerClient.Answer sysinfo(String name, String query) {
		try {
			return this.peers.send("GET", name, "/api/sysinfo/" + query, Map.of());
		}
		catch (IOException | IllegalArgumentException ex) {
			return new PeerClient.Answer(500, "");
		}
	}

	private static Optional<JsonNode> data(PeerClient.Answer answer) {
		try {
			return Optional.ofNullable(JSON.readTree(answer.body()).get("data"));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static boolean resolves(String name) {
		try {
			return InetAddress.getAllByName(name).length > 0;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	@DeleteMapping("/api/gateway/{target_iqn}/{gateway_name}")
	Map<String, Object> remove(@PathVariable("target_iqn") String rawIqn, @PathVariable("gateway_name") String name,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		if (!this.config.current().config().gateways().containsKey(name)) {
			throw ApiException.notFound("Gateway does not exist in configuration");
		}
		if (!target.portals().containsKey(name)) {
			throw ApiException.badRequest("Gateway " + name + " is not a portal of target " + iqn);
		}
		boolean assumedDead = !name.equals(this.self.name()) && form.isTrueIgnoringCase("force");
		List<String> involved = new ArrayList<>(target.portals().keySet());
		if (assumedDead) {
			// the dead gateway is not contacted; it converges if it ever comes back
			involved.remove(name);
		}
		this.readiness.require(involved, "Gateway deletion");
		this.changes.commit((config) -> removePortal(config, iqn.value(), name));
		return Map.of("message", "Gateway deletion successful");
	}

	/**
	 * Removes a gateway from a target: its portal and IPs, the target's content when it
	 * was the last portal, the gateway itself when it serves no target any more, and
	 * hands its disks to the remaining portal with the fewest active LUNs.
	 */
	private GatewayConfig removePortal(GatewayConfig config, String iqn, String name) {
		Target target = config.targets().get(iqn);
		if (target == null || !target.portals().containsKey(name)) {
			throw ApiException.notFound("Gateway doesn't exist in the configuration");
		}
		String now = ConfigCodec.now(this.clock);
		Target remaining = Portals.without(target, name, now);
		GatewayConfig result = config;
		if (remaining.portals().isEmpty()) {
			for (String disk : target.disks().keySet()) {
				Disk entry = result.disks().get(disk);
				if (entry != null) {
					result = result.withDisk(disk, entry.withOwner(null).withUpdated(now));
				}
			}
			remaining = remaining.withDisks(Map.of()).withClients(Map.of()).withGroups(Map.of()).withControls(Map.of());
		}
		else {
			for (String disk : target.disks().keySet()) {
				Disk entry = result.disks().get(disk);
				if (entry != null && name.equals(entry.owner())) {
					String owner = Portals.leastLoaded(result, remaining.portals());
					Gateway gateway = result.gateways().get(owner);
					result = result.withDisk(disk, entry.withOwner(owner).withUpdated(now))
						.withGateway(owner, gateway.withActiveLuns(gateway.activeLuns() + 1).withUpdated(now));
				}
			}
		}
		Gateway removed = result.gateways().get(name);
		result = result.withTarget(iqn, remaining);
		if (removed != null) {
			long owned = target.disks()
				.keySet()
				.stream()
				.filter((disk) -> config.disks().containsKey(disk) && name.equals(config.disks().get(disk).owner()))
				.count();
			result = result.withGateway(name,
					removed.withActiveLuns((int) Math.max(0, removed.activeLuns() - owned)).withUpdated(now));
		}
		return Targets.withoutUnusedGateways(result);
	}

	@GetMapping("/api/_gateway/{target_iqn}/{gateway_name}")
	Portal internalGet(@PathVariable("target_iqn") String iqn, @PathVariable("gateway_name") String name) {
		Target target = this.config.current().config().targets().get(iqn);
		Portal portal = (target != null) ? target.portals().get(name) : null;
		if (portal == null) {
			throw ApiException.notFound("Gateway doesn't exist in the configuration");
		}
		return portal;
	}

	/**
	 * Internal define: records this gateway as a portal with the full IP list (as a
	 * ceph-iscsi coordinator expects of each peer); the reconciler builds the TPGs.
	 */
	@PutMapping("/api/_gateway/{target_iqn}/{gateway_name}")
	Map<String, Object> internalPut(@PathVariable("target_iqn") String iqn, @PathVariable("gateway_name") String name,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		List<String> gatewayIpList = form.list("gateway_ip_list");
		if (form.optional("gateway_ip_list").isEmpty()) {
			throw ApiException.badRequest("Could not create target on gateway: gateway_ip_list is required");
		}
		List<String> local = new ArrayList<>();
		for (String ip : gatewayIpList) {
			if (isLocal(ip)) {
				local.add(ip);
			}
		}
		if (local.isEmpty()) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"Could not create target on gateway: Error initializing iSCSI target: "
							+ "gateway IP addresses provided do not match any ip on this host");
		}
		this.changes.commit((config) -> {
			Target target = config.targets().get(iqn);
			if (target == null) {
				throw ApiException.notFound("Target " + iqn + " does not exist");
			}
			String now = ConfigCodec.now(this.clock);
			GatewayConfig result = config.withTarget(iqn, Portals.with(target, this.self.name(), local, now));
			if (!config.gateways().containsKey(this.self.name())) {
				result = result.withGateway(this.self.name(), new Gateway(0, now, now));
			}
			return result;
		});
		return Map.of("message", "Gateway defined/mapped");
	}

	@DeleteMapping("/api/_gateway/{target_iqn}/{gateway_name}")
	Map<String, Object> internalDelete(@PathVariable("target_iqn") String iqn,
			@PathVariable("gateway_name") String name) {
		if (name.equals(this.self.name())) {
			try {
				this.changes.commit((config) -> removePortal(config, iqn, name));
			}
			catch (ApiException ex) {
				throw ApiException.badRequest("Gateway deletion failed: " + ex.getMessage() + ".");
			}
		}
		// for another gateway, the reconciler renumbers this node's TPGs from the new
		// document
		return Map.of("message", "Gateway deleted.");
	}

	private static boolean isLocal(String ip) {
		Optional<String> normalised = SourceAddress.normalise(ip);
		if (normalised.isEmpty()) {
			return false;
		}
		try {
			return java.net.NetworkInterface.getByInetAddress(InetAddress.getByName(normalised.get())) != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
