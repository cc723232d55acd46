package io.github.iscsigw.gateway.auth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery and target CHAP and the target's ACL mode: {@code PUT /api/discoveryauth},
 * {@code PUT /api/_discoveryauth/}, {@code PUT /api/targetauth/<target_iqn>} and
 * {@code PUT /api/_targetauth/<target_iqn>} (rbd-target-api.md §6.23–6.26). Passwords are
 * stored encrypted when the key pair is installed (gateway-conf.md §4).
 */
@RestController
class AuthController {

	private final ConfigRepository config;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final ChapCipher cipher;

	private final Changes changes;

	private final Clock clock;

	AuthController(ConfigRepository config, GatewayIdentity self, GatewayReadiness readiness, ChapCipher cipher,
			Changes changes, Clock clock) {
		this.config = config;
		this.self = self;
		this.readiness = readiness;
		this.cipher = cipher;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * Unlike ceph-iscsi, which commits even when a gateway is unavailable (and answers
	 * 503), a refused request changes nothing: every gateway applies the committed
	 * document, so committing would apply it after all.
	 */
	@PutMapping("/api/discoveryauth")
	Map<String, Object> discoveryAuth(HttpServletRequest request) {
		ChapCredentials credentials = ChapCredentials.from(LegacyForm.of(request)).requireValid();
		this.readiness.require(this.config.current().config().gateways().keySet(), "discovery auth");
		this.changes.commit((config) -> config.withDiscoveryAuth(ChapSecrets.replace(credentials, this.cipher)));
		return Map.of("message", "discovery auth successful");
	}

	/**
	 * Internal: a ceph-iscsi coordinator calls this on every gateway, then commits the
	 * document itself; this gateway applies discovery auth from that document.
	 */
	@PutMapping("/api/_discoveryauth/")
	Map<String, Object> internalDiscoveryAuth() {
		return Map.of("message", "OK");
	}

	/**
	 * Flask redirects the route without its trailing slash (rbd-target-api.md §3).
	 */
	@RequestMapping("/api/_discoveryauth")
	ResponseEntity<Void> internalDiscoveryAuthWithoutSlash() {
		return ResponseEntity.status(HttpStatus.PERMANENT_REDIRECT)
			.header(HttpHeaders.LOCATION, "/api/_discoveryauth/")
			.build();
	}

	@PutMapping("/api/targetauth/{target_iqn}")
	Map<String, Object> targetAuth(@PathVariable("target_iqn") String iqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Optional<String> action = form.optional("action");
		if (action.isPresent() && !action.get().isEmpty() && !isAclAction(action.get())) {
			throw ApiException.badRequest("Invalid auth " + action.get());
		}
		Target target = Targets.require(this.config.current().config(), iqn);
		ChapCredentials credentials = ChapCredentials.from(form);
		checkTargetAuth(target, action, credentials);
		credentials.requireValid();
		Targets.requirePortal(target, this.self.name());
		// "None" is what Python prints for a missing action
		String prefix = "target auth " + action.orElse("None") + " -";
		this.readiness.require(target.portals().keySet(), prefix);
		this.changes.commit((config) -> {
			Target current = Targets.require(config, iqn);
			checkTargetAuth(current, action, credentials);
			return changeTargetAuth(config, iqn, action, credentials);
		});
		return Map.of("message", prefix + " successful");
	}

	/**
	 * ceph-iscsi's rules against mixing target CHAP with ACLs, in its order.
	 */
	private static void checkTargetAuth(Target target, Optional<String> action, ChapCredentials credentials) {
		if (action.filter("disable_acl"::equals).isPresent() && !target.clients().isEmpty()) {
			throw ApiException.badRequest("Cannot disable ACL authentication because target has clients");
		}
		if (action.filter("enable_acl"::equals).isPresent() && !target.auth().username().isEmpty()
				&& !target.auth().password().isEmpty()) {
			throw ApiException
				.badRequest("Cannot enable ACL authentication because target CHAP authentication is enabled");
		}
		if (!credentials.username().isEmpty() && !credentials.password().isEmpty() && target.aclEnabled()) {
			throw ApiException
				.badRequest("Cannot enable target CHAP authentication because ACL authentication is enabled");
		}
	}

	/**
	 * With an action only the ACL mode changes; without one the target CHAP is replaced
	 * (cleared by empty fields).
	 */
	private GatewayConfig changeTargetAuth(GatewayConfig config, String iqn, Optional<String> action,
			ChapCredentials credentials) {
		Target current = config.targets().get(iqn);
		Target updated;
		if (action.filter(AuthController::isAclAction).isPresent()) {
			updated = current.withAclEnabled(action.get().equals("enable_acl"));
		}
		else {
			ChapAuth auth = ChapSecrets.replace(credentials, this.cipher);
			// re-encrypting an unchanged password would rewrite it (OAEP is randomised)
			boolean same = ChapSecrets.reveal(current.auth(), this.cipher).equals(credentials)
					&& current.auth().passwordEncryptionEnabled() == auth.passwordEncryptionEnabled()
					&& current.auth().mutualPasswordEncryptionEnabled() == auth.mutualPasswordEncryptionEnabled();
			updated = same ? current : current.withAuth(auth);
		}
		if (updated.equals(current)) {
			return config;
		}
		return config.withTarget(iqn, updated.withUpdated(ConfigCodec.now(this.clock)));
	}

	private static boolean isAclAction(String action) {
		return action.equals("enable_acl") || action.equals("disable_acl");
	}

	/**
	 * Internal: validates what a ceph-iscsi coordinator sends; the
	 * {@code committing_host} commits the change and every gateway applies it from the
	 * document.
	 */
	@PutMapping("/api/_targetauth/{target_iqn}")
	Map<String, Object> internalTargetAuth(@PathVariable("target_iqn") String iqn, HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		String committer = form.required("committing_host");
		ChapCredentials credentials = new ChapCredentials(form.required("username"), form.required("password"),
				form.required("mutual_username"), form.required("mutual_password"));
		Optional<String> action = form.optional("action");
		credentials.requireValid();
		Targets.require(this.config.refresh().config(), iqn);
		if (committer.equals(this.self.name())) {
			this.changes.commit((config) -> {
				Targets.require(config, iqn);
				return changeTargetAuth(config, iqn, action, credentials);
			});
		}
		return Map.of("message", "OK");
	}

	/**
	 * Commits a change unless it changes nothing, then lets this gateway's reconciler
	 * apply it before answering.
	 */

}
