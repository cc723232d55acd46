package io.github.iscsigw.gateway.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.target.Portals;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code targetinfo}, {@code gatewayinfo}, {@code clientinfo} and their internal routes
 * against an embedded gateway with a simulated configfs (rbd-target-api.md §6.27–6.29,
 * §6.38–6.39).
 */
class SessionRoutesTests extends LegacyApiTestSupport {

	static final String CLIENT = "iqn.1994-05.com.example:info-client";

	@Autowired
	GatewayModes modes;

	@Test
	void targetAndGatewayInfo() throws IOException {
		String iqn = "iqn.2003-01.com.example:info";
		assertAnswer(admin().get("/api/targetinfo/" + iqn), 404, "Target " + iqn + " does not exist");
		assertAnswer(admin().get("/api/_targetinfo/" + iqn), 404, "Target " + iqn + " does not exist");
		targetWithPortal(iqn);
		assertBody(admin().get("/api/targetinfo/" + iqn), "{\"num_sessions\":0}");
		assertBody(admin().get("/api/_targetinfo/" + iqn), "{\"num_sessions\":0}");
		assertBody(admin().get("/api/gatewayinfo"), "{\"num_sessions\":0}");
	}

	@Test
	void gatewayInfoOfAGatewayThatServesNoTarget() throws IOException {
		targetWithPortal("iqn.2003-01.com.example:info-gw");
		this.repository.commit((config) -> config.withoutGateway(SELF));
		try {
			assertAnswer(admin().get("/api/gatewayinfo"), 404, "Gateway " + SELF + " does not exist in configuration");
		}
		finally {
			this.repository.commit(
					(config) -> config.withGateway(SELF, new Gateway(0, "2024/01/01 00:00:00", "2024/01/01 00:00:00")));
		}
	}

	@Test
	void clientInfoWithAndWithoutSession() throws IOException {
		String iqn = "iqn.2003-01.com.example:info-clients";
		assertAnswer(admin().get("/api/clientinfo/" + iqn + "/" + CLIENT), 404, "Target " + iqn + " does not exist");
		targetWithPortal(iqn);
		assertAnswer(admin().get("/api/clientinfo/" + iqn + "/" + CLIENT), 404, "Client " + CLIENT + " does not exist");
		assertAnswer(admin().get("/api/_clientinfo/" + iqn + "/" + CLIENT), 404,
				"Client " + CLIENT + " does not exist");
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 200, "client create/update successful");
		assertBody(admin().get("/api/clientinfo/" + iqn + "/" + CLIENT),
				"{\"alias\":\"\",\"ip_address\":[],\"state\":{}}");
		assertBody(admin().get("/api/_clientinfo/" + iqn + "/" + CLIENT),
				"{\"alias\":\"\",\"ip_address\":[],\"state\":\"\"}");

		// the reconciler made the ACL in this gateway's (enabled) TPG; the kernel
		// reports a login there
		Path info = this.modes.configfsRoot().resolve("iscsi/" + iqn + "/tpgt_1/acls/" + CLIENT + "/info");
		// (the simulator has no info attribute: the kernel's would say "No active…")
		assertThat(info.getParent()).isDirectory();
		Files.writeString(info, SessionInfoTests.LOGGED_IN);
		assertBody(admin().get("/api/clientinfo/" + iqn + "/" + CLIENT),
				"{\"alias\":\"host1.example.com\",\"ip_address\":[\"192.168.10.50\",\"2001:db8::50\"],"
						+ "\"state\":{\"LOGGED_IN\":[\"" + SELF + "\"]}}");
		long epoch = this.repository.refresh().epoch();
		assertAnswer(delete("/api/client/" + iqn + "/" + CLIENT, null), 400,
				"Client '" + CLIENT + "' is logged in to " + iqn + "- unable to delete until it's logged out");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void anUnavailablePortalFailsTheReadsAndBlocksMutations() throws IOException {
		String iqn = "iqn.2003-01.com.example:info-down";
		targetWithPortal(iqn);
		exportDisk(iqn, "rbd/down_disk", 0);
		assertAnswer(put("/api/client/" + iqn + "/" + CLIENT, null), 200, "client create/update successful");
		this.repository.commit((config) -> config.withTarget(iqn, Portals.with(config.targets().get(iqn), "127.0.0.9",
				List.of("192.0.2.9"), ConfigCodec.now(java.time.Clock.systemUTC()))));
		String down = "failed, gateway(s) unavailable:127.0.0.9(UNKNOWN state)";
		assertAnswer(admin().get("/api/targetinfo/" + iqn), 503, down);
		assertAnswer(admin().get("/api/clientinfo/" + iqn + "/" + CLIENT), 503, down);
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/client/" + iqn + "/iqn.1994-05.com.example:other", null), 503,
				"client create/update " + down);
		assertAnswer(put("/api/clientauth/" + iqn + "/" + CLIENT, "username=myiscsiusername&password=myiscsipassword1"),
				503, "client auth " + down);
		assertAnswer(put("/api/clientlun/" + iqn + "/" + CLIENT, "disk=rbd/down_disk"), 503,
				"client masking update " + down);
		assertAnswer(delete("/api/client/" + iqn + "/" + CLIENT, null), 503, "client delete " + down);
		assertAnswer(put("/api/hostgroup/" + iqn + "/g", "members=" + CLIENT), 503, "hostgroup create/update " + down);
		assertAnswer(put("/api/targetauth/" + iqn, "action=enable_acl"), 503, "target auth enable_acl - " + down);
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	private static void assertBody(RawHttp.Response response, String body) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
	}

}
