package io.github.iscsigw.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This gateway's name: the key it records itself under in {@code gateways} and
 * {@code portals}. ceph-iscsi uses {@code socket.getfqdn()}; the setting
 * {@code gateway.name} overrides it so several gateways can share one machine in tests.
 *
 * @param name the FQDN or configured name
 */
public record GatewayIdentity(String name) {

	public GatewayIdentity {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("gateway name must not be blank");
		}
	}

	/**
	 * The configured name, else the host's fully qualified name.
	 * @param configured the {@code gateway.name} setting or {@code null}
	 * @return the identity
	 */
	public static GatewayIdentity of(String configured) {
		if (configured != null && !configured.isBlank()) {
			return new GatewayIdentity(configured.strip());
		}
		try {
			InetAddress local = InetAddress.getLocalHost();
			String canonical = local.getCanonicalHostName();
			// like Python's getfqdn(): a reverse lookup that only yields "localhost" or
			// an
			// address says nothing; the host name is the better name then
			boolean useless = canonical.equals("localhost") || canonical.equals(local.getHostAddress());
			return new GatewayIdentity(useless ? local.getHostName() : canonical);
		}
		catch (UnknownHostException ex) {
			return new GatewayIdentity("localhost");
		}
	}

}
