package io.github.iscsigw.gateway.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.auth.ChapCredentials;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.session.LioSessions;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Iqn;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Initiators (ACLs) of a target: {@code PUT|DELETE /api/client}, {@code PUT
 * /api/clientauth}, {@code PUT|DELETE /api/clientlun} and the internal {@code _client},
 * {@code _clientauth} and {@code _clientlun} (rbd-target-api.md §6.31–6.37). A public
 * mutation validates, checks that the target's portals are up, commits one new document
 * and waits for this gateway's reconciler; the other portals converge from the document.
 * The internal routes keep ceph-iscsi's contract for a ceph-iscsi coordinator: they
 * validate, and the {@code committing_host} commits.
 */
@RestController
class ClientController {

	private final ConfigRepository config;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final GatewaySettings settings;

	private final ChapCipher cipher;

	private final LioSessions sessions;

	private final Changes changes;

	private final Clock clock;

	ClientController(ConfigRepository config, GatewayIdentity self, GatewayReadiness readiness,
			GatewaySettings settings, ChapCipher cipher, LioSessions sessions, Changes changes, Clock clock) {
		this.config = config;
		this.self = self;
		this.readiness = readiness;
		this.settings = settings;
		this.cipher = cipher;
		this.sessions = sessions;
		this.changes = changes;
		this.clock = clock;
	}

	@PutMapping("/api/client/{target_iqn}/{client_iqn}")
	Map<String, Object> create(@PathVariable("target_iqn") String rawTarget,
			@PathVariable("client_iqn") String rawClient) {
		Iqn iqn = Iqn.parse(rawTarget);
		Iqn client = Iqn.parse(rawClient);
		Target target = Targets.require(this.config, rawTarget);
		Targets.requirePortal(target, this.self.name());
		checkCreate(this.config.current().config(), target, client);
		this.readiness.require(target.portals().keySet(), "client create/update");
		this.changes.commit((config) -> {
			Target current = Targets.require(config, iqn.value());
			checkCreate(config, current, client);
			return ClientChanges.define(config, iqn.value(), client.value(), List.of(), Optional.empty(), this.cipher,
					now());
		});
		return Map.of("message", "client create/update successful");
	}

	/**
	 * ceph-iscsi's {@code valid_client(mode='create')}, in its order.
	 */
	private void checkCreate(GatewayConfig config, Target target, Iqn client) {
		if (target.clients().containsKey(client.value())) {
			throw ApiException.badRequest("A client with the name '" + client + "' is already defined");
		}
		if (!target.auth().username().isEmpty() && !target.auth().password().isEmpty()) {
			throw ApiException.badRequest("Cannot create client because target CHAP authentication is enabled");
		}
		int minimum = this.settings.minimumGateways();
		if (config.gateways().size() < minimum) {
			throw ApiException.badRequest(
					"Clients can not be defined until a HA configuration has been defined (>" + minimum + " gateways)");
		}
	}

	@DeleteMapping("/api/client/{target_iqn}/{client_iqn}")
	Map<String, Object> delete(@PathVariable("target_iqn") String rawTarget,
			@PathVariable("client_iqn") String rawClient) {
		Iqn iqn = Iqn.parse(rawTarget);
		Iqn client = Iqn.parse(rawClient);
		Target target = Targets.require(this.config, rawTarget);
		Targets.requirePortal(target, this.self.name());
		checkDelete(target, iqn, client);
		// ceph-iscsi checks the session on the coordinating node only: every initiator
		// logs in to all portals
		if (this.sessions.client(iqn.value(), client.value()).loggedIn()) {
			throw ApiException.badRequest(
					"Client '" + client + "' is logged in to " + iqn + "- unable to delete until it's logged out");
		}
		this.readiness.require(target.portals().keySet(), "client delete");
		this.changes.commit((config) -> {
			checkDelete(Targets.require(config, iqn.value()), iqn, client);
			return ClientChanges.delete(config, iqn.value(), client.value(), now());
		});
		return Map.of("message", "client delete successful");
	}

	private static void checkDelete(Target target, Iqn iqn, Iqn client) {
		Client entry = target.clients().get(client.value());
		if (entry == null) {
			throw ApiException.badRequest(client + " is not defined yet - nothing to delete");
		}
		if (!entry.groupName().isEmpty()) {
			throw ApiException
				.badRequest("Unable to delete '" + client + "' - it belongs to group " + entry.groupName());
		}
	}

	@PutMapping("/api/clientauth/{target_iqn}/{client_iqn}")
	Map<String, Object> auth(@PathVariable("target_iqn") String rawTarget, @PathVariable("client_iqn") String rawClient,
			HttpServletRequest request) {
		Iqn iqn = Iqn.parse(rawTarget);
		Iqn client = Iqn.parse(rawClient);
		Target target = Targets.require(this.config, rawTarget);
		Targets.requirePortal(target, this.self.name());
		requireClient(target, client.value());
		ChapCredentials credentials = ChapCredentials.from(LegacyForm.of(request)).requireValid();
		this.readiness.require(target.portals().keySet(), "client auth");
		this.changes.commit((config) -> {
			Client current = requireClient(Targets.require(config, iqn.value()), client.value());
			return ClientChanges.define(config, iqn.value(), client.value(), new ArrayList<>(current.luns().keySet()),
					Optional.of(credentials), this.cipher, now());
		});
		return Map.of("message", "client auth successful");
	}

	@PutMapping("/api/clientlun/{target_iqn}/{client_iqn}")
	Map<String, Object> mapDisk(@PathVariable("target_iqn") String rawTarget,
			@PathVariable("client_iqn") String rawClient, HttpServletRequest request) {
		return masking(rawTarget, rawClient, LegacyForm.of(request), true);
	}

	@DeleteMapping("/api/clientlun/{target_iqn}/{client_iqn}")
	Map<String, Object> unmapDisk(@PathVariable("target_iqn") String rawTarget,
			@PathVariable("client_iqn") String rawClient, HttpServletRequest request) {
		return masking(rawTarget, rawClient, LegacyForm.of(request), false);
	}

	private Map<String, Object> masking(String rawTarget, String rawClient, LegacyForm form, boolean add) {
		Iqn iqn = Iqn.parse(rawTarget);
		Iqn client = Iqn.parse(rawClient);
		Target target = Targets.require(this.config, rawTarget);
		Targets.requirePortal(target, this.self.name());
		Client current = requireClient(target, client.value());
		String disk = add ? form.required("disk") : form.get("disk", null);
		GatewayConfig document = this.config.current().config();
		List<String> images = maskedImages(document, current, client, disk, add);
		// what the coordinator's own _clientlun would refuse, before asking the others
		masked(document, iqn, client, images);
		this.readiness.require(target.portals().keySet(), "client masking update");
		this.changes.commit((config) -> {
			Client fresh = requireClient(Targets.require(config, iqn.value()), client.value());
			return masked(config, iqn, client, maskedImages(config, fresh, client, disk, add));
		});
		return Map.of("message", "client masking update successful");
	}

	/**
	 * The client's image list with the disk added or removed, checked as ceph-iscsi's
	 * {@code valid_client(mode='disk')} does.
	 */
	private static List<String> maskedImages(GatewayConfig config, Client client, Iqn clientIqn, String disk,
			boolean add) {
		List<String> images = new ArrayList<>(client.luns().keySet());
		if (add) {
			images.add(disk);
		}
		else if (disk == null || !images.remove(disk)) {
			throw ApiException.badRequest("disk not mapped to client");
		}
		ClientChanges.checkImageList(config, client, clientIqn.value(), images).ifPresent((problem) -> {
			throw ApiException.badRequest(problem);
		});
		return images;
	}

	/**
	 * The document with the new masking; a refusal is worded as ceph-iscsi's coordinator
	 * words its own {@code _clientlun} failure.
	 */
	private GatewayConfig masked(GatewayConfig config, Iqn iqn, Iqn client, List<String> images) {
		try {
			return ClientChanges.define(config, iqn.value(), client.value(), images, Optional.empty(), this.cipher,
					now());
		}
		catch (ApiException ex) {
			throw new ApiException(ex.status(),
					"client masking update failed on " + this.self.name() + ". " + ex.getMessage());
		}
	}

	@GetMapping("/api/_client/{target_iqn}/{client_iqn}")
	Client internalGet(@PathVariable("target_iqn") String targetIqn, @PathVariable("client_iqn") String clientIqn) {
		Client client = Targets.require(this.config.current().config(), targetIqn).clients().get(clientIqn);
		if (client == null) {
			throw ApiException.notFound("Client does not exist");
		}
		return client;
	}

	@PutMapping("/api/_client/{target_iqn}/{client_iqn}")
	Map<String, Object> internalPut(@PathVariable("target_iqn") String targetIqn,
			@PathVariable("client_iqn") String clientIqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn client;
		try {
			client = Iqn.parse(clientIqn);
		}
		catch (ApiException ex) {
			throw ApiException.badRequest("'" + clientIqn + "' is not a valid name for iSCSI");
		}
		String committer = form.required("committing_host");
		return internalDefine(targetIqn, client, form.list("image_list"), ChapCredentials.from(form), committer);
	}

	@PutMapping("/api/_clientauth/{target_iqn}/{client_iqn}")
	Map<String, Object> internalAuth(@PathVariable("target_iqn") String targetIqn,
			@PathVariable("client_iqn") String clientIqn, HttpServletRequest request) {
		return internalUpdate(targetIqn, clientIqn, LegacyForm.of(request));
	}

	@GetMapping("/api/_clientlun/{target_iqn}/{client_iqn}")
	Map<String, Object> internalLuns(@PathVariable("target_iqn") String targetIqn,
			@PathVariable("client_iqn") String clientIqn) {
		// the LUN map under "message": gwcli reads ['message'][disk]['lun_id']
		return Map.of("message", internalGet(targetIqn, clientIqn).luns());
	}

	@PutMapping("/api/_clientlun/{target_iqn}/{client_iqn}")
	Map<String, Object> internalMasking(@PathVariable("target_iqn") String targetIqn,
			@PathVariable("client_iqn") String clientIqn, HttpServletRequest request) {
		return internalUpdate(targetIqn, clientIqn, LegacyForm.of(request));
	}

	/**
	 * {@code _clientauth} and {@code _clientlun} PUT: {@code image_list} and
	 * {@code committing_host} are required; an invalid client name is an invalid request.
	 */
	private Map<String, Object> internalUpdate(String targetIqn, String clientIqn, LegacyForm form) {
		List<String> images = form.list("image_list");
		form.required("image_list");
		String committer = form.required("committing_host");
		Iqn client;
		try {
			client = Iqn.parse(clientIqn);
		}
		catch (ApiException ex) {
			throw ApiException.badRequest("Invalid client request");
		}
		return internalDefine(targetIqn, client, images, ChapCredentials.from(form), committer);
	}

	private Map<String, Object> internalDefine(String targetIqn, Iqn client, List<String> images,
			ChapCredentials credentials, String committer) {
		credentials.requireValid();
		// validate against the latest document: the coordinator may have just committed
		GatewayConfig document = this.config.refresh().config();
		Targets.require(document, targetIqn);
		ClientChanges.define(document, targetIqn, client.value(), images, Optional.of(credentials), this.cipher, now());
		if (committer.equals(this.self.name())) {
			this.changes.commit((config) -> {
				Targets.require(config, targetIqn);
				return ClientChanges.define(config, targetIqn, client.value(), images, Optional.of(credentials),
						this.cipher, now());
			});
		}
		return Map.of("message", "Client configured successfully");
	}

	@DeleteMapping("/api/_client/{target_iqn}/{client_iqn}")
	Map<String, Object> internalDelete(@PathVariable("target_iqn") String targetIqn,
			@PathVariable("client_iqn") String clientIqn, HttpServletRequest request) {
		String committer = LegacyForm.of(request).required("committing_host");
		Target target = Targets.require(this.config.refresh().config(), targetIqn);
		if (!target.clients().containsKey(clientIqn)) {
			throw ApiException.notFound("Client does not exist!");
		}
		if (committer.equals(this.self.name())) {
			this.changes.commit((config) -> {
				if (!Targets.require(config, targetIqn).clients().containsKey(clientIqn)) {
					throw ApiException.notFound("Client does not exist!");
				}
				return ClientChanges.delete(config, targetIqn, clientIqn, now());
			});
		}
		return Map.of("message", "Client deleted ok");
	}

	private String now() {
		return ConfigCodec.now(this.clock);
	}

	private static Client requireClient(Target target, String clientIqn) {
		Client client = target.clients().get(clientIqn);
		if (client == null) {
			throw ApiException.notFound("Client " + clientIqn + " does not exist");
		}
		return client;
	}

}
