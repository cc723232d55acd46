package io.github.iscsigw.gateway.hostgroup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a host group request does to the document: ceph-iscsi's {@code Group.apply} and
 * {@code Group.purge} (rbd-target-api.md §6.42) as pure functions. The request is the
 * group's desired state; members then map exactly the group's disks.
 */
final class HostGroupChanges {

	private static final Logger log = LoggerFactory.getLogger(HostGroupChanges.class);

	static final String FAILED_VALIDATION = "Group request failed validation";

	private static final int MAX_LUNS = 256;

	private HostGroupChanges() {
	}

	/**
	 * Creates or updates a group to the given members and disks.
	 * @param config the document
	 * @param targetIqn the target (must exist)
	 * @param name the group
	 * @param members the desired members (client IQNs)
	 * @param disks the desired disks ({@code pool/image})
	 * @param now the timestamp for the target's {@code updated}
	 * @return the new document ({@code config} itself when nothing changes)
	 * @throws ApiException 400
	 * {@code Member must contain unique clients - no duplication} for a new group, 400
	 * {@code Group request failed validation} (the reason is logged, as in ceph-iscsi)
	 */
	static GatewayConfig apply(GatewayConfig config, String targetIqn, String name, List<String> members,
			List<String> disks, String now) {
		Target target = config.targets().get(targetIqn);
		HostGroup existing = target.groups().get(name);
		if (existing == null && new HashSet<>(members).size() != members.size()) {
			throw ApiException.badRequest("Member must contain unique clients - no duplication");
		}
		HostGroup group = (existing != null) ? existing : new HostGroup(List.of(), Map.of());
		List<String> wantedMembers = new ArrayList<>(new LinkedHashSet<>(members));
		Set<String> wantedDisks = new LinkedHashSet<>(disks);
		boolean changed = !new HashSet<>(wantedMembers).equals(new HashSet<>(group.members()))
				|| !wantedDisks.equals(group.disks().keySet());
		if (!changed && existing != null) {
			return config;
		}
		List<String> added = wantedMembers.stream().filter((m) -> !group.members().contains(m)).toList();
		List<String> removed = group.members().stream().filter((m) -> !wantedMembers.contains(m)).toList();
		List<String> addedDisks = wantedDisks.stream().filter((d) -> !group.disks().containsKey(d)).toList();
		List<String> removedDisks = group.disks().keySet().stream().filter((d) -> !wantedDisks.contains(d)).toList();
		problem(target, added, addedDisks).ifPresent((reason) -> {
			log.info("host group {} of {}: {}", name, targetIqn, reason);
			throw ApiException.badRequest(FAILED_VALIDATION);
		});
		Map<String, LunRef> groupDisks = new LinkedHashMap<>(group.disks());
		for (String disk : addedDisks) {
			groupDisks.put(disk, new LunRef(nextLun(groupDisks, target.disks().get(disk).lunId())));
		}
		removedDisks.forEach(groupDisks::remove);
		Target result = target;
		if (!addedDisks.isEmpty() || !removedDisks.isEmpty()) {
			for (String member : wantedMembers) {
				Client client = result.clients().get(member);
				if (client != null) {
					result = result.withClient(member, client.withLuns(groupDisks));
				}
			}
		}
		for (String member : added) {
			Client client = result.clients().get(member);
			result = result.withClient(member, client.withGroupName(name).withLuns(groupDisks));
		}
		for (String member : removed) {
			// a removed member keeps its LUNs (lio-layout.md §5)
			Client client = result.clients().get(member);
			if (client != null) {
				result = result.withClient(member, client.withGroupName(""));
			}
		}
		result = result.withGroup(name, group.withMembers(wantedMembers).withDisks(groupDisks));
		return config.withTarget(targetIqn, result.withUpdated(now));
	}

	/**
	 * ceph-iscsi's {@code valid_request}: added members must exist with no LUNs and no
	 * group, added disks must be exported by the target (removals are valid by
	 * construction).
	 */
	private static Optional<String> problem(Target target, List<String> added, List<String> addedDisks) {
		for (String member : added) {
			Client client = target.clients().get(member);
			if (client == null) {
				return Optional.of("client '" + member + "' doesn't exist");
			}
			if (!client.luns().isEmpty()) {
				return Optional.of("Client '" + member + "' already has luns. "
						+ "Only clients without prior lun maps can be added to a group");
			}
			if (!client.groupName().isEmpty()) {
				return Optional.of("Client already assigned to " + client.groupName()
						+ " - a client can only belong to one host group");
			}
		}
		for (String disk : addedDisks) {
			if (!target.disks().containsKey(disk)) {
				return Optional.of("disk '" + disk + "' doesn't exist");
			}
		}
		return Optional.empty();
	}

	/**
	 * The disk's target LUN id unless the group uses it already, else the lowest free
	 * one.
	 */
	private static int nextLun(Map<String, LunRef> groupDisks, int preferred) {
		Set<Integer> used = new HashSet<>();
		groupDisks.values().forEach((lun) -> used.add(lun.lunId()));
		if (!used.contains(preferred)) {
			return preferred;
		}
		for (int id = 0; id < MAX_LUNS; id++) {
			if (!used.contains(id)) {
				return id;
			}
		}
		throw ApiException.badRequest(FAILED_VALIDATION);
	}

	/**
	 * Deletes a group: its members leave it and keep their LUNs.
	 * @param config the document
	 * @param targetIqn the target (must exist)
	 * @param name the group
	 * @param now the timestamp for the target's {@code updated}
	 * @return the new document
	 * @throws ApiException 400 {@code Group name requested does not exist}
	 */
	static GatewayConfig purge(GatewayConfig config, String targetIqn, String name, String now) {
		Target target = config.targets().get(targetIqn);
		HostGroup group = target.groups().get(name);
		if (group == null) {
			throw ApiException.badRequest("Group name requested does not exist");
		}
		Target result = target;
		for (String member : group.members()) {
			Client client = result.clients().get(member);
			if (client != null) {
				result = result.withClient(member, client.withGroupName(""));
			}
		}
		return config.withTarget(targetIqn, result.withoutGroup(name).withUpdated(now));
	}

}
