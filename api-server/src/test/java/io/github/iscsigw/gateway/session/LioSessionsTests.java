package io.github.iscsigw.gateway.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.iscsigw.gateway.GatewayModes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading session counts and initiator sessions from a configfs tree (lio-layout.md §7).
 */
class LioSessionsTests {

	static final String TARGET = "iqn.2003-01.com.example:sessions";

	static final String CLIENT = "iqn.1994-05.com.example:client1";

	@TempDir
	Path root;

	LioSessions sessions() {
		return new LioSessions(new GatewayModes("test", "test", this.root, true));
	}

	void write(String relative, String text) throws IOException {
		Path file = this.root.resolve(relative);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	@Test
	void sessionCount() throws IOException {
		assertThat(sessions().sessions(TARGET)).isZero();
		write("iscsi/" + TARGET + "/fabric_statistics/iscsi_instance/sessions", "3\n");
		assertThat(sessions().sessions(TARGET)).isEqualTo(3);
		write("iscsi/" + TARGET + "/fabric_statistics/iscsi_instance/sessions", "not a number");
		assertThat(sessions().sessions(TARGET)).isZero();
		assertThat(sessions().sessions("../../etc")).isZero();
	}

	@Test
	void theClientOfTheEnabledTpg() throws IOException {
		assertThat(sessions().client(TARGET, CLIENT)).isEqualTo(SessionInfo.NONE);
		// this gateway's TPG is the enabled one; the others are standby TPGs of peers
		write("iscsi/" + TARGET + "/tpgt_1/enable", "0\n");
		write("iscsi/" + TARGET + "/tpgt_1/acls/" + CLIENT + "/info", SessionInfoTests.LOGGED_IN);
		assertThat(sessions().client(TARGET, CLIENT)).isEqualTo(SessionInfo.NONE);
		write("iscsi/" + TARGET + "/tpgt_2/enable", "1\n");
		assertThat(sessions().client(TARGET, CLIENT)).isEqualTo(SessionInfo.NONE);
		write("iscsi/" + TARGET + "/tpgt_2/acls/" + CLIENT + "/info", SessionInfoTests.LOGGED_IN);
		assertThat(sessions().client(TARGET, CLIENT))
			.isEqualTo(new SessionInfo("host1.example.com", "LOGGED_IN", List.of("192.168.10.50", "2001:db8::50")));
		write("iscsi/" + TARGET + "/tpgt_2/acls/" + CLIENT + "/info",
				"No active iSCSI Session for Initiator Endpoint: " + CLIENT + "\n");
		assertThat(sessions().client(TARGET, CLIENT)).isEqualTo(SessionInfo.NONE);
		assertThat(sessions().client(TARGET, "../../../x")).isEqualTo(SessionInfo.NONE);
	}

}
