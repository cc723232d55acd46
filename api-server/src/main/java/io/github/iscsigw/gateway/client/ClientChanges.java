package io.github.iscsigw.gateway.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.iscsigw.gateway.auth.ChapCredentials;
import io.github.iscsigw.gateway.auth.ChapSecrets;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.state.ChapCipher;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Target;

/**
 * What defining, updating and deleting an initiator does to the document: ceph-iscsi's
 * {@code GWClient.manage} (rbd-target-api.md §6.33, gateway-conf.md §2.4) as pure
 * functions. The LIO side follows from the document through the reconciler.
 */
final class ClientChanges {

	/** LUN numbers an initiator can see (ceph-iscsi allocates 0–255). */
	static final int MAX_LUNS = 256;

	private ClientChanges() {
	}

	/**
	 * Defines or updates a client with a complete image list and, if given, new CHAP
	 * credentials.
	 * <p>
	 * LUN numbers as ceph-iscsi assigns them, so an initiator sees the same numbers on
	 * either implementation: a disk the client already maps keeps its number; a new one
	 * gets the target's {@code lun_id} of the disk unless any client of the target uses
	 * that number, else the lowest number this client does not use. A member of a host
	 * group keeps the group's LUNs whatever the list says. Defining a client turns ACL
	 * mode on ({@code acl_enabled}), as LIO does when a TPG gets its first ACL.
	 * @param config the document
	 * @param targetIqn the target (must exist)
	 * @param clientIqn the normalised client IQN
	 * @param images the disks the client must map, in request order
	 * @param credentials new CHAP credentials, or empty to keep the stored ones
	 * @param cipher the CHAP key pair
	 * @param now the timestamp for the target's {@code updated}
	 * @return the new document ({@code config} itself when nothing changes)
	 * @throws ApiException 400 {@code Invalid client request} for a duplicate image, 400
	 * {@code Client update failed - Non-existent images […] requested for <iqn>} for
	 * disks the target does not export
	 */
	static GatewayConfig define(GatewayConfig config, String targetIqn, String clientIqn, List<String> images,
			Optional<ChapCredentials> credentials, ChapCipher cipher, String now) {
		if (new HashSet<>(images).size() != images.size()) {
			throw ApiException.badRequest("Invalid client request");
		}
		Target target = config.targets().get(targetIqn);
		Client existing = target.clients().get(clientIqn);
		Client client = (existing != null) ? existing : Client.NEW;
		if (existing == null || existing.groupName().isEmpty()) {
			client = client.withLuns(luns(config, target, clientIqn, client, images));
		}
		if (credentials.isPresent()) {
			client = client.withAuth(ChapSecrets.update(client.auth(), credentials.get(), cipher));
		}
		Target updated = target.withClient(clientIqn, client).withAclEnabled(true);
		if (updated.equals(target)) {
			return config;
		}
		return config.withTarget(targetIqn, updated.withUpdated(now));
	}

	private static Map<String, LunRef> luns(GatewayConfig config, Target target, String clientIqn, Client client,
			List<String> images) {
		List<String> missing = new ArrayList<>();
		for (String image : images) {
			if (!target.disks().containsKey(image)) {
				Disk disk = config.disks().get(image);
				missing
					.add((disk != null && !disk.backstoreObjectName().isEmpty()) ? disk.backstoreObjectName() : image);
			}
		}
		if (!missing.isEmpty()) {
			throw ApiException.badRequest("Client update failed - Non-existent images "
					+ missing.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"))
					+ " requested for " + clientIqn);
		}
		Set<Integer> usedByClients = new HashSet<>();
		for (Client other : target.clients().values()) {
			other.luns().values().forEach((lun) -> usedByClients.add(lun.lunId()));
		}
		TreeSet<Integer> free = new TreeSet<>();
		for (int id = 0; id < MAX_LUNS; id++) {
			free.add(id);
		}
		client.luns().values().forEach((lun) -> free.remove(lun.lunId()));
		Map<String, LunRef> result = new LinkedHashMap<>();
		for (String image : images) {
			LunRef current = client.luns().get(image);
			if (current != null) {
				result.put(image, current);
				continue;
			}
			int preferred = target.disks().get(image).lunId();
			int id;
			if (!usedByClients.contains(preferred) && free.contains(preferred)) {
				id = preferred;
			}
			else if (!free.isEmpty()) {
				id = free.first();
			}
			else {
				throw ApiException.badRequest(
						"Client update failed - no free LUN id left for " + image + " requested for " + clientIqn);
			}
			free.remove(id);
			result.put(image, new LunRef(id));
		}
		return result;
	}

	/**
	 * Deletes a client (and, should it still be listed there, its host group membership).
	 * @param config the document
	 * @param targetIqn the target (must exist)
	 * @param clientIqn the client (must exist)
	 * @param now the timestamp for the target's {@code updated}
	 * @return the new document
	 */
	static GatewayConfig delete(GatewayConfig config, String targetIqn, String clientIqn, String now) {
		Target target = config.targets().get(targetIqn).withoutClient(clientIqn);
		for (Map.Entry<String, HostGroup> group : target.groups().entrySet()) {
			if (group.getValue().members().contains(clientIqn)) {
				List<String> members = new ArrayList<>(group.getValue().members());
				members.removeIf(clientIqn::equals);
				target = target.withGroup(group.getKey(), group.getValue().withMembers(members));
			}
		}
		return config.withTarget(targetIqn, target.withUpdated(now));
	}

	/**
	 * ceph-iscsi's {@code valid_client(mode='disk')} checks of a new image list
	 * (rbd-target-api.md §6.36).
	 * @param config the document
	 * @param client the client
	 * @param clientIqn its IQN
	 * @param images the requested image list
	 * @return the first problem, if any
	 */
	static Optional<String> checkImageList(GatewayConfig config, Client client, String clientIqn, List<String> images) {
		if (!client.groupName().isEmpty()) {
			return Optional
				.of("Unable to manage disks for '" + clientIqn + "' - it belongs to group " + client.groupName());
		}
		Set<String> requested = new LinkedHashSet<>(images);
		Set<String> mapped = client.luns().keySet();
		if (requested.size() > mapped.size()) {
			if (!requested.containsAll(mapped)) {
				return Optional.of("Invalid image list - it must contain existing disks AND any additions");
			}
			for (String image : requested) {
				if (!mapped.contains(image) && !config.disks().containsKey(image)) {
					return Optional.of("Invalid image list - it defines new disks that do not current exist");
				}
			}
		}
		else if (!images.isEmpty() && !mapped.containsAll(requested)) {
			return Optional.of("Invalid image list ("
					+ requested.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", ", "{", "}"))
					+ ")");
		}
		return Optional.empty();
	}

}
