package io.github.iscsigw.gateway.session;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing the kernel's ACL {@code info} text ({@code lio_target_nacl_info_show}).
 */
class SessionInfoTests {

	static final String LOGGED_IN = """
			InitiatorName: iqn.1994-05.com.example:client1
			InitiatorAlias: host1.example.com
			LIO Session ID: 3   ISID: 0x23 3d 00 00 00 00  TSIH: 3  SessionType: Normal
			Session State: TARG_SESS_STATE_LOGGED_IN
			---------------------[iSCSI Session Values]-----------------------
			  CmdSN/WR  :  CmdSN/WC  :  ExpCmdSN  :  MaxCmdSN  :     ITT    :     TTT
			 0x00000014   0x00000014   0x00000014   0x00000094   0x0000001e   0xffffffff
			----------------------[iSCSI Connections]-------------------------
			CID: 0  Connection State: TARG_CONN_STATE_LOGGED_IN
			   Address 192.168.10.50 TCP  StatSN: 0x00000017
			CID: 1  Connection State: TARG_CONN_STATE_LOGGED_IN
			   Address 2001:db8::50 TCP  StatSN: 0x00000002
			CID: 2  Connection State: TARG_CONN_STATE_LOGGED_IN
			   Address 192.168.10.50 TCP  StatSN: 0x00000009
			""";

	@Test
	void noSession() {
		assertThat(
				SessionInfo.parse("No active iSCSI Session for Initiator Endpoint: iqn.1994-05.com.example:client1\n"))
			.isEqualTo(SessionInfo.NONE);
		assertThat(SessionInfo.parse(null)).isEqualTo(SessionInfo.NONE);
		assertThat(SessionInfo.parse("")).isEqualTo(SessionInfo.NONE);
		assertThat(SessionInfo.NONE.loggedIn()).isFalse();
	}

	@Test
	void loggedInWithDistinctConnectionAddresses() {
		SessionInfo session = SessionInfo.parse(LOGGED_IN);
		assertThat(session)
			.isEqualTo(new SessionInfo("host1.example.com", "LOGGED_IN", List.of("192.168.10.50", "2001:db8::50")));
		assertThat(session.loggedIn()).isTrue();
	}

	@Test
	void addressesOnlyWhenLoggedIn() {
		SessionInfo session = SessionInfo
			.parse(LOGGED_IN.replace("TARG_SESS_STATE_LOGGED_IN", "TARG_SESS_STATE_FAILED"));
		assertThat(session).isEqualTo(new SessionInfo("host1.example.com", "FAILED", List.of()));
	}

	@Test
	void theKernelPrintsTheFreeStateWithoutStatePrefix() {
		assertThat(SessionInfo.parse(LOGGED_IN.replace("TARG_SESS_STATE_LOGGED_IN", "TARG_SESS_FREE")).state())
			.isEqualTo("FREE");
		assertThat(SessionInfo.parse(LOGGED_IN.replace("TARG_SESS_STATE_LOGGED_IN", "TARG_SESS_STATE_IN_CONTINUE"))
			.state()).isEqualTo("IN_CONTINUE");
	}

	@Test
	void robustAgainstOddText() {
		// an alias with colons, an empty alias, an unknown state, brackets, CRLF
		assertThat(SessionInfo.parse(LOGGED_IN.replace("host1.example.com", "win:host:1")).alias())
			.isEqualTo("win:host:1");
		assertThat(SessionInfo.parse(LOGGED_IN.replace("InitiatorAlias: host1.example.com", "InitiatorAlias:")).alias())
			.isEmpty();
		assertThat(SessionInfo
			.parse(LOGGED_IN.replace("Session State: TARG_SESS_STATE_LOGGED_IN", "ERROR: Unknown Session State!")))
			.isEqualTo(new SessionInfo("host1.example.com", "", List.of()));
		assertThat(SessionInfo.parse(LOGGED_IN.replace("2001:db8::50", "[2001:db8::50]").replace("\n", "\r\n"))
			.ipAddresses()).containsExactly("192.168.10.50", "2001:db8::50");
		assertThat(SessionInfo.parse("garbage\n\u0000\u00ff")).isEqualTo(SessionInfo.NONE);
	}

}
