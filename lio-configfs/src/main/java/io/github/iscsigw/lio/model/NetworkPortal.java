package io.github.iscsigw.lio.model;

import java.util.Locale;

import io.github.iscsigw.lio.LioException;

/**
 * A network portal of a TPG ({@code np/<ip>:<port>}, IPv6 as {@code [addr]:port}).
 *
 * @param ip the address (IPv6 without brackets)
 * @param port the TCP port (0 means 3260)
 */
public record NetworkPortal(String ip, int port) implements Comparable<NetworkPortal> {

	/** The iSCSI port ceph-iscsi always uses. */
	public static final int ISCSI_PORT = 3260;

	public NetworkPortal {
		if (ip == null || ip.isBlank()) {
			throw new LioException("portal address is missing");
		}
		ip = ip.strip().toLowerCase(Locale.ROOT);
		if (ip.startsWith("[") && ip.endsWith("]")) {
			ip = ip.substring(1, ip.length() - 1);
		}
		if (!ip.matches("[0-9a-f.:]+")) {
			throw new LioException("invalid portal address '" + ip + "'");
		}
		port = (port == 0) ? ISCSI_PORT : Names.range("portal port", port, 1, 65535);
	}

	/**
	 * A portal on the iSCSI port.
	 * @param ip the address
	 * @return the portal
	 */
	public static NetworkPortal of(String ip) {
		return new NetworkPortal(ip, ISCSI_PORT);
	}

	/**
	 * Parses a configfs directory name.
	 * @param dirName {@code 1.2.3.4:3260} or {@code [::1]:3260}
	 * @return the portal
	 */
	public static NetworkPortal parse(String dirName) {
		int i = dirName.lastIndexOf(':');
		if (i <= 0) {
			throw new LioException("invalid portal directory '" + dirName + "'");
		}
		try {
			return new NetworkPortal(dirName.substring(0, i), Integer.parseInt(dirName.substring(i + 1)));
		}
		catch (NumberFormatException ex) {
			throw new LioException("invalid portal directory '" + dirName + "'");
		}
	}

	/**
	 * The configfs directory name.
	 * @return {@code ip:port}, IPv6 in brackets
	 */
	public String dirName() {
		return (this.ip.indexOf(':') >= 0 ? "[" + this.ip + "]" : this.ip) + ":" + this.port;
	}

	@Override
	public int compareTo(NetworkPortal o) {
		return dirName().compareTo(o.dirName());
	}

	@Override
	public String toString() {
		return dirName();
	}

}
