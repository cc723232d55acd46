package io.github.iscsigw.gateway.hostgroup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.servlet.http.HttpServletRequest;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.LegacyForm;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.fanout.GatewayReadiness;
import io.github.iscsigw.gateway.reconcile.Changes;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.gateway.target.Iqn;
import io.github.iscsigw.gateway.target.Targets;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Host groups: {@code /api/hostgroup/<target_iqn>/<group_name>} and the internal
 * {@code /api/_hostgroup/…} (rbd-target-api.md §6.41–6.42). A group gives all its members
 * the same disks at the same LUN numbers.
 */
@RestController
class HostGroupController {

	private final ConfigRepository config;

	private final GatewayIdentity self;

	private final GatewayReadiness readiness;

	private final Changes changes;

	private final Clock clock;

	HostGroupController(ConfigRepository config, GatewayIdentity self, GatewayReadiness readiness, Changes changes,
			Clock clock) {
		this.config = config;
		this.self = self;
		this.readiness = readiness;
		this.changes = changes;
		this.clock = clock;
	}

	@GetMapping("/api/hostgroup/{target_iqn}/{group_name}")
	HostGroup get(@PathVariable("target_iqn") String rawIqn, @PathVariable("group_name") String name,
			HttpServletRequest request) {
		Target target = coordinator(rawIqn, request);
		return group(target, name);
	}

	@PutMapping("/api/hostgroup/{target_iqn}/{group_name}")
	Map<String, Object> put(@PathVariable("target_iqn") String rawIqn, @PathVariable("group_name") String name,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = coordinator(rawIqn, request);
		boolean add = action(form).equals("add");
		List<String> members = form.list("members");
		List<String> disks = form.list("disks");
		UnaryOperator<GatewayConfig> change = (config) -> {
			Target current = Targets.require(config, iqn.value());
			HostGroup group = current.groups().get(name);
			List<String> currentMembers = (group != null) ? group.members() : List.of();
			List<String> currentDisks = (group != null) ? new ArrayList<>(group.disks().keySet()) : List.of();
			try {
				return HostGroupChanges.apply(config, iqn.value(), name, desired(currentMembers, members, add),
						desired(currentDisks, disks, add), ConfigCodec.now(this.clock));
			}
			catch (ApiException ex) {
				// worded as ceph-iscsi's coordinator reports its own _hostgroup failure
				throw new ApiException(ex.status(),
						"hostgroup create/update failed on " + this.self.name() + ". " + ex.getMessage());
			}
		};
		change.apply(this.config.current().config());
		this.readiness.require(target.portals().keySet(), "hostgroup create/update");
		this.changes.commit(change);
		return Map.of("message", "hostgroup create/update successful");
	}

	/**
	 * {@code add}: union of current and given (current order first); {@code remove}:
	 * current minus given.
	 */
	private static List<String> desired(List<String> current, List<String> given, boolean add) {
		if (add) {
			Set<String> union = new LinkedHashSet<>(current);
			union.addAll(given);
			return new ArrayList<>(union);
		}
		return current.stream().filter((item) -> !given.contains(item)).toList();
	}

	@DeleteMapping("/api/hostgroup/{target_iqn}/{group_name}")
	Map<String, Object> delete(@PathVariable("target_iqn") String rawIqn, @PathVariable("group_name") String name,
			HttpServletRequest request) {
		Iqn iqn = Iqn.parse(rawIqn);
		Target target = coordinator(rawIqn, request);
		if (!target.groups().containsKey(name)) {
			throw ApiException.notFound("Group name '" + name + "' not found");
		}
		// only the document changes (members keep their LIO mappings): no other gateway
		// is involved, as in ceph-iscsi
		try {
			this.changes.commit((config) -> {
				Targets.require(config, iqn.value());
				return HostGroupChanges.purge(config, iqn.value(), name, ConfigCodec.now(this.clock));
			});
		}
		catch (ApiException ex) {
			throw ApiException.badRequest("Delete of group '" + name + "' failed : " + ex.getMessage());
		}
		return Map.of("message", "Group definition '" + name + "' deleted");
	}

	/**
	 * The checks common to the public methods, in ceph-iscsi's order: target name, target
	 * known, this gateway a portal, {@code action} valid (even for GET and DELETE).
	 */
	private Target coordinator(String rawIqn, HttpServletRequest request) {
		Iqn.parse(rawIqn);
		Target target = Targets.require(this.config, rawIqn);
		Targets.requirePortal(target, this.self.name());
		action(LegacyForm.of(request));
		return target;
	}

	private static String action(LegacyForm form) {
		String action = form.get("action", "add").toLowerCase(Locale.ROOT);
		if (!action.equals("add") && !action.equals("remove")) {
			throw new ApiException(HttpStatus.METHOD_NOT_ALLOWED, "Invalid hostgroup action specified");
		}
		return action;
	}

	@GetMapping("/api/_hostgroup/{target_iqn}/{group_name}")
	HostGroup internalGet(@PathVariable("target_iqn") String iqn, @PathVariable("group_name") String name) {
		return group(Targets.require(this.config.current().config(), iqn), name);
	}

	/**
	 * Internal desired-state apply. ceph-iscsi sends no committer here: every gateway
	 * commits if its fresh document still differs, so in practice the first one does.
	 */
	@PutMapping("/api/_hostgroup/{target_iqn}/{group_name}")
	Map<String, Object> internalPut(@PathVariable("target_iqn") String iqn, @PathVariable("group_name") String name,
			HttpServletRequest request) {
		LegacyForm form = LegacyForm.of(request);
		List<String> members = form.list("members");
		List<String> disks = form.list("disks");
		this.changes.commit((config) -> {
			Targets.require(config, iqn);
			return HostGroupChanges.apply(config, iqn, name, members, disks, ConfigCodec.now(this.clock));
		});
		return Map.of("message", "Group created/updated");
	}

	@DeleteMapping("/api/_hostgroup/{target_iqn}/{group_name}")
	Map<String, Object> internalDelete(@PathVariable("target_iqn") String iqn,
			@PathVariable("group_name") String name) {
		this.changes.commit((config) -> {
			Targets.require(config, iqn);
			return HostGroupChanges.purge(config, iqn, name, ConfigCodec.now(this.clock));
		});
		return Map.of("message", "Group '" + name + "' removed");
	}

	private static HostGroup group(Target target, String name) {
		HostGroup group = target.groups().get(name);
		if (group == null) {
			throw ApiException.notFound("Group name does not exist");
		}
		return group;
	}

	/**
	 * Commits a change unless it changes nothing, then lets this gateway's reconciler
	 * apply it before answering.
	 */

}
