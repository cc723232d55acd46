package io.github.iscsigw.gateway.auth;

import java.io.IOException;

import io.github.iscsigw.gateway.LegacyApiTestSupport;
import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.error.LegacyErrors;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.Target;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /api/discoveryauth}, {@code /api/_discoveryauth/}, {@code /api/targetauth}
 * and {@code /api/_targetauth} against an embedded gateway without a key pair (passwords
 * stored in plain text; see {@link ChapEncryptionTests} for the encrypted form).
 */
class AuthMutationTests extends LegacyApiTestSupport {

	static final String CHAP = "username=myiscsiusername&password=myiscsipassword1"
			+ "&mutual_username=mytargetusername&mutual_password=mytargetsecret12";

	static final ChapAuth PLAIN = new ChapAuth("myiscsiusername", "myiscsipassword1", false, "mytargetusername",
			"mytargetsecret12", false);

	@Test
	void discoveryAuth() throws IOException {
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/discoveryauth", "username=myiscsiusername"), 400, "Password is required");
		assertAnswer(put("/api/discoveryauth", "username=myiscsiusername&password=tooshort"), 400,
				"Minimum length of password is 12 characters");
		assertAnswer(put("/api/discoveryauth", "mutual_username=mytargetusername&mutual_password=mytargetsecret12"),
				400, "Username is required");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put("/api/discoveryauth", CHAP), 200, "discovery auth successful");
		assertThat(document().discoveryAuth()).isEqualTo(PLAIN);
		// gwcli's nochap: all four empty
		assertAnswer(put("/api/discoveryauth", "username=&password=&mutual_username=&mutual_password="), 200,
				"discovery auth successful");
		assertThat(document().discoveryAuth()).isEqualTo(ChapAuth.NONE);
	}

	@Test
	void discoveryAuthNeedsEveryGateway() throws IOException {
		this.repository.commit((config) -> config.withGateway("127.0.0.9",
				new Gateway(0, "2024/01/01 00:00:00", "2024/01/01 00:00:00")));
		try {
			long epoch = this.repository.refresh().epoch();
			assertAnswer(put("/api/discoveryauth", CHAP), 503,
					"discovery auth failed, gateway(s) unavailable:127.0.0.9(UNKNOWN state)");
			assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		}
		finally {
			this.repository.commit((config) -> config.withoutGateway("127.0.0.9"));
		}
	}

	@Test
	void internalDiscoveryAuthKeepsItsTrailingSlash() throws IOException {
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put("/api/_discoveryauth/", CHAP), 200, "OK");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		RawHttp.Response redirect = put("/api/_discoveryauth", CHAP);
		assertThat(redirect.status()).isEqualTo(308);
		assertThat(redirect.headers().get("location")).endsWith("/api/_discoveryauth/");
	}

	/**
	 * The dashboard's target auth steps (dashboard-client.md §4.2 step 3): ACL mode off
	 * with target CHAP, then back to ACLs.
	 */
	@Test
	void targetAuthDashboardSequence() throws IOException {
		String iqn = "iqn.2003-01.com.example:tauth";
		targetWithPortal(iqn);
		String path = "/api/targetauth/" + iqn;
		// acl_enabled: update_targetauth first (empty CHAP), then enable_acl
		assertAnswer(put(path, "username=&password=&mutual_username=&mutual_password="), 200,
				"target auth None - successful");
		assertAnswer(put(path, "action=enable_acl"), 200, "target auth enable_acl - successful");
		assertThat(document().targets().get(iqn).aclEnabled()).isTrue();
		// not acl_enabled: disable_acl, then the CHAP credentials
		assertAnswer(put(path, "action=disable_acl"), 200, "target auth disable_acl - successful");
		assertAnswer(put(path, CHAP), 200, "target auth None - successful");
		Target target = document().targets().get(iqn);
		assertThat(target.aclEnabled()).isFalse();
		assertThat(target.auth()).isEqualTo(PLAIN);
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "action=enable_acl"), 400,
				"Cannot enable ACL authentication because target CHAP authentication is enabled");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// clearing the CHAP allows ACLs again
		assertAnswer(put(path, null), 200, "target auth None - successful");
		assertThat(document().targets().get(iqn).auth()).isEqualTo(ChapAuth.NONE);
		assertAnswer(put(path, "action=enable_acl"), 200, "target auth enable_acl - successful");
		assertThat(document().targets().get(iqn).aclEnabled()).isTrue();
	}

	@Test
	void targetAuthValidationInOrder() throws IOException {
		String iqn = "iqn.2003-01.com.example:tauth-checks";
		String path = "/api/targetauth/" + iqn;
		assertAnswer(put(path, "action=bogus"), 400, "Invalid auth bogus");
		assertAnswer(put(path, null), 404, "Target " + iqn + " does not exist");
		assertAnswer(put("/api/target/" + iqn, null), 200, "Target defined successfully");
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, CHAP), 400,
				"Cannot enable target CHAP authentication because ACL authentication is enabled");
		assertAnswer(put(path, "action=disable_acl&username=myiscsiusername"), 400, "Password is required");
		assertAnswer(put(path, "action=disable_acl"), 400, SELF
				+ " cannot be used to perform this operation because it is not defined within the gateways configuration");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"), 200,
				"Gateway creation successful");
		assertAnswer(put("/api/client/" + iqn + "/iqn.1994-05.com.example:tauth-client", null), 200,
				"client create/update successful");
		epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "action=disable_acl"), 400,
				"Cannot disable ACL authentication because target has clients");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
	}

	@Test
	void internalTargetAuth() throws IOException {
		String iqn = "iqn.2003-01.com.example:tauth-internal";
		targetWithPortal(iqn);
		String path = "/api/_targetauth/" + iqn;
		String empty = "&username=&password=&mutual_username=&mutual_password=";
		long epoch = this.repository.refresh().epoch();
		assertAnswer(put(path, "committing_host=" + SELF), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(put(path, "username=&password=&mutual_username=&mutual_password="), 400, LegacyErrors.BAD_REQUEST);
		assertAnswer(put("/api/_targetauth/iqn.2003-01.com.example:nosuch", "committing_host=" + SELF + empty), 404,
				"Target iqn.2003-01.com.example:nosuch does not exist");
		// another gateway commits
		assertAnswer(put(path, "committing_host=gw9.example.com&action=disable_acl" + empty), 200, "OK");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		assertAnswer(put(path, "committing_host=" + SELF + "&action=disable_acl" + empty), 200, "OK");
		assertThat(document().targets().get(iqn).aclEnabled()).isFalse();
		assertAnswer(put(path, "committing_host=" + SELF + "&" + CHAP), 200, "OK");
		assertThat(document().targets().get(iqn).auth()).isEqualTo(PLAIN);
	}

}
