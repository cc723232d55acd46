package io.github.iscsigw.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An initiator's iSCSI session on this gateway, as the kernel describes it in an ACL's
 * {@code info} attribute (lio-layout.md §7) and as {@code GET /api/_clientinfo} answers
 * it (rbd-target-api.md §6.39).
 *
 * @param alias the initiator's alias ({@code ""} if none)
 * @param state the session state in upper case without the kernel's prefix
 * ({@code LOGGED_IN}, {@code FREE}, {@code ACTIVE}, {@code FAILED}, {@code IN_CONTINUE};
 * {@code ""} when there is no session)
 * @param ipAddresses the connection addresses, only when logged in
 */
public record SessionInfo(@JsonProperty("alias") String alias, @JsonProperty("state") String state,
		@JsonProperty("ip_address") List<String> ipAddresses) {

	/** No session: what ceph-iscsi answers for an initiator that is not logged in. */
	public static final SessionInfo NONE = new SessionInfo("", "", List.of());

	/** The state of a logged-in session. */
	public static final String LOGGED_IN = "LOGGED_IN";

	public SessionInfo {
		alias = (alias != null) ? alias : "";
		state = (state != null) ? state : "";
		ipAddresses = List.copyOf(ipAddresses);
	}

	/**
	 * Parses the kernel's text ({@code lio_target_nacl_info_show}). rtslib reads the same
	 * lines; unlike it, this never fails: unknown lines are skipped, the kernel's
	 * {@code TARG_SESS_FREE} (printed without {@code _STATE_}) is understood, and an
	 * alias may contain colons.
	 * @param text the content of {@code info}, or {@code null} if unreadable
	 * @return the session, or {@link #NONE}
	 */
	public static SessionInfo parse(String text) {
		if (text == null || text.isBlank() || text.strip().startsWith("No active")) {
			return NONE;
		}
		String alias = "";
		String state = "";
		List<String> addresses = new ArrayList<>();
		for (String raw : text.split("\\R")) {
			String line = raw.strip();
			if (line.startsWith("InitiatorAlias:")) {
				alias = line.substring("InitiatorAlias:".length()).strip();
			}
			else if (line.startsWith("Session State:") || line.contains("TARG_SESS_")) {
				state = sessionState(line);
			}
			else if (line.startsWith("Address") || line.contains(" Address ")) {
				String[] fields = line.split("\\s+");
				int index = java.util.Arrays.asList(fields).indexOf("Address");
				if (index >= 0 && index + 1 < fields.length) {
					String address = unbracket(fields[index + 1]);
					if (!addresses.contains(address)) {
						addresses.add(address);
					}
				}
			}
		}
		if (state.isEmpty()) {
			// a session the kernel reports in an unknown state: rtslib finds no state
			// either; report the alias only
			return new SessionInfo(alias, "", List.of());
		}
		return new SessionInfo(alias, state, state.equals(LOGGED_IN) ? addresses : List.of());
	}

	private static String sessionState(String line) {
		int at = line.indexOf("TARG_SESS_");
		if (at < 0) {
			return "";
		}
		String token = line.substring(at).split("\\s+")[0];
		String state = token.startsWith("TARG_SESS_STATE_") ? token.substring("TARG_SESS_STATE_".length())
				: token.substring("TARG_SESS_".length());
		return state.toUpperCase(Locale.ROOT);
	}

	private static String unbracket(String address) {
		return (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
	}

	/**
	 * Whether the initiator is logged in.
	 * @return true for {@code LOGGED_IN}
	 */
	@JsonIgnore
	public boolean loggedIn() {
		return LOGGED_IN.equals(this.state);
	}

}
