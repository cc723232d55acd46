package io.github.iscsigw.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Decides whether a source address may use the restricted API (rbd-target-api.md §2): the
 * gateways of the config document (names resolved through DNS, literals taken as they
 * are), {@code localhost}, every target's {@code ip_list} and {@code trusted_ip_list}.
 * <p>
 * ceph-iscsi resolves every gateway name on every request; we cache each name's addresses
 * for a minute so that a slow resolver cannot stall every request.
 */
public class TrustedSources {

	private static final Duration RESOLVE_TTL = Duration.ofSeconds(60);

	private final Supplier<Collection<String>> configHosts;

	private final Supplier<List<String>> trustedIpList;

	private volatile Fixed fixed;

	private final Clock clock;

	private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

	/**
	 * Creates the check.
	 * @param trustedIpList {@code trusted_ip_list} from the settings
	 * @param configHosts the gateway names and target portal IPs of the current config
	 * document
	 * @param clock time source for the DNS cache
	 */
	public TrustedSources(Supplier<List<String>> trustedIpList, Supplier<Collection<String>> configHosts, Clock clock) {
		this.trustedIpList = trustedIpList;
		this.configHosts = configHosts;
		this.clock = clock;
	}

	/**
	 * localhost and {@code trusted_ip_list}, recomputed only when the list changes
	 * (SIGHUP).
	 */
	private Set<String> fixed() {
		List<String> list = this.trustedIpList.get();
		Fixed current = this.fixed;
		if (current == null || !current.list().equals(list)) {
			Set<String> addresses = new HashSet<>();
			addresses.addAll(resolveNow("localhost"));
			addresses.add("127.0.0.1");
			addresses.add("::1");
			for (String entry : list) {
				SourceAddress.normalise(entry)
					.ifPresentOrElse(addresses::add, () -> addresses.addAll(resolveNow(entry)));
			}
			current = new Fixed(List.copyOf(list), Set.copyOf(addresses));
			this.fixed = current;
		}
		return current.addresses();
	}

	/**
	 * Whether the (raw) remote address is trusted.
	 * @param remoteAddress the peer address as the servlet container reports it
	 * @return true if allowed
	 */
	public boolean isTrusted(String remoteAddress) {
		Optional<String> source = SourceAddress.normalise(remoteAddress);
		if (source.isEmpty()) {
			return false;
		}
		String address = source.get();
		if (fixed().contains(address)) {
			return true;
		}
		for (String host : this.configHosts.get()) {
			Optional<String> literal = SourceAddress.normalise(host);
			if (literal.isPresent() ? literal.get().equals(address) : resolveCached(host).contains(address)) {
				return true;
			}
		}
		return false;
	}

	private Set<String> resolveCached(String host) {
		Instant now = this.clock.instant();
		Resolved entry = this.resolved.get(host);
		if (entry == null || entry.expires().isBefore(now)) {
			entry = new Resolved(resolveNow(host), now.plus(RESOLVE_TTL));
			this.resolved.put(host, entry);
		}
		return entry.addresses();
	}

	private static Set<String> resolveNow(String host) {
		try {
			Set<String> addresses = new HashSet<>();
			for (InetAddress address : InetAddress.getAllByName(host)) {
				addresses.add(SourceAddress.format(address));
			}
			return addresses;
		}
		catch (UnknownHostException | SecurityException ex) {
			return Set.of();
		}
	}

	/**
	 * The normalised form of a remote address, as shown in the 403 message.
	 * @param remoteAddress the raw address
	 * @return the normalised text (or the raw text if it is not an IP literal)
	 */
	public static String display(String remoteAddress) {
		return SourceAddress.normalise(remoteAddress).orElse(String.valueOf(remoteAddress));
	}

	private record Resolved(Set<String> addresses, Instant expires) {
	}

	private record Fixed(List<String> list, Set<String> addresses) {
	}

}
