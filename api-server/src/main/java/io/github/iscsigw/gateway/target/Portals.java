package io.github.iscsigw.gateway.target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;

/**
 * Keeps a target's portal metadata consistent when a gateway joins or leaves
 * (gateway-conf.md §2.4): {@code ip_list} in the order IPs were added (it numbers the
 * TPGs), and in every portal a copy of it, the IPs of the other gateways and the number
 * of TPGs.
 */
public final class Portals {

	private Portals() {
	}

	/**
	 * Adds (or replaces) a gateway's portal.
	 * @param target the target
	 * @param gateway the gateway name
	 * @param ips its portal IPs
	 * @param now the timestamp for {@code updated}
	 * @return the new target
	 */
	public static Target with(Target target, String gateway, List<String> ips, String now) {
		List<String> ipList = new ArrayList<>((target.ipList() != null) ? target.ipList() : List.of());
		for (String ip : ips) {
			if (!ipList.contains(ip)) {
				ipList.add(ip);
			}
		}
		Map<String, List<String>> own = ownIps(target);
		own.put(gateway, List.copyOf(ips));
		return rebuild(target, own, ipList, now);
	}

	/**
	 * Removes a gateway's portal and its IPs.
	 * @param target the target
	 * @param gateway the gateway name
	 * @param now the timestamp for {@code updated}
	 * @return the new target
	 */
	public static Target without(Target target, String gateway, String now) {
		Map<String, List<String>> own = ownIps(target);
		List<String> removed = own.remove(gateway);
		List<String> ipList = new ArrayList<>((target.ipList() != null) ? target.ipList() : List.of());
		if (removed != null) {
			ipList.removeAll(removed);
		}
		return rebuild(target, own, ipList, now);
	}

	private static Map<String, List<String>> ownIps(Target target) {
		Map<String, List<String>> own = new LinkedHashMap<>();
		target.portals().forEach((name, portal) -> own.put(name, portal.portalIpAddresses()));
		return own;
	}

	private static Target rebuild(Target target, Map<String, List<String>> own, List<String> ipList, String now) {
		Map<String, Portal> portals = new LinkedHashMap<>();
		own.forEach((name, ips) -> {
			List<String> inactive = new ArrayList<>(ipList);
			inactive.removeAll(ips);
			Portal previous = target.portals().get(name);
			portals.put(name,
					new Portal(ips, ipList, inactive, own.size(), (previous != null) ? previous.other() : Map.of()));
		});
		return target.withPortals(portals).withIpList(ipList.isEmpty() ? null : ipList).withUpdated(now);
	}

	/**
	 * The portal whose gateway owns the fewest LUNs (ties: first in key order): the owner
	 * ceph-iscsi picks for a newly exported disk.
	 * @param config the document ({@code gateways[].active_luns})
	 * @param portals the candidate portals
	 * @return the gateway name, or {@code null} when there is no portal
	 */
	public static String leastLoaded(GatewayConfig config, Map<String, Portal> portals) {
		String best = null;
		int bestCount = Integer.MAX_VALUE;
		for (String candidate : portals.keySet()) {
			Gateway gateway = config.gateways().get(candidate);
			int count = (gateway != null) ? gateway.activeLuns() : 0;
			if (count < bestCount) {
				best = candidate;
				bestCount = count;
			}
		}
		return best;
	}

}
