package io.github.iscsigw.gateway.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address in the one textual form we compare and print: IPv4 dotted quad, IPv6 in
 * RFC 5952 compressed lower-case form, with a {@code %scope} suffix and an IPv4-mapped
 * {@code ::ffff:} prefix removed (rbd-target-api.md §2).
 */
public final class SourceAddress {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

	private SourceAddress() {
	}

	/**
	 * Normalises a literal address; never performs a DNS lookup.
	 * @param text an IPv4 or IPv6 literal, optionally bracketed or scoped
	 * @return the canonical text, or empty if {@code text} is not an IP literal
	 */
	public static Optional<String> normalise(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		int scope = value.indexOf('%');
		if (scope >= 0) {
			value = value.substring(0, scope);
		}
		boolean v4 = IPV4.matcher(value).matches();
		if (!v4 && !(value.contains(":") && IPV6.matcher(value).matches())) {
			return Optional.empty();
		}
		InetAddress address;
		try {
			// a literal: getByName parses it without any lookup
			address = InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
		return Optional.of(format(address));
	}

	/**
	 * Formats an address canonically (IPv4-mapped IPv6 becomes IPv4).
	 * @param address the address
	 * @return its text
	 */
	public static String format(InetAddress address) {
		if (address instanceof Inet4Address) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		if (isMappedIpv4(bytes)) {
			return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
		}
		return compress(bytes);
	}

	/**
	 * Whether an address is an IPv6 one with a scope (link-local), which ceph-iscsi
	 * leaves out of its address lists.
	 * @param address the address
	 * @return true if scoped
	 */
	public static boolean isScoped(InetAddress address) {
		return address instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null);
	}

	private static boolean isMappedIpv4(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
	}

	private static String compress(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		// RFC 5952: replace the longest run (>= 2) of zero groups, the first one on a tie
		int bestStart = -1;
		int bestLength = 0;
		for (int i = 0; i < 8;) {
			if (groups[i] != 0) {
				i++;
				continue;
			}
			int start = i;
			while (i < 8 && groups[i] == 0) {
				i++;
			}
			if (i - start > bestLength) {
				bestStart = start;
				bestLength = i - start;
			}
		}
		if (bestLength < 2) {
			bestStart = -1;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(groups[i]));
		}
		return out.toString().toLowerCase(Locale.ROOT);
	}

}
