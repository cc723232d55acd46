package io.github.iscsigw.gateway.auth;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.TestGateway;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.ChapCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the key pair of gateway-conf.md §4.3 installed, discovery, target and initiator
 * CHAP passwords are stored encrypted (flags {@code true}), decrypt to what was sent, are
 * shown in plain text by {@code GET /api/config?decrypt_passwords=True} and never appear
 * in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ChapEncryptionTests {

	static final Path ROOT = TestGateway.tempDirectory("chap-encryption");

	static final String SELF = "gw1.example.com";

	static final String CHAP = "username=myiscsiusername&password=myiscsipassword1"
			+ "&mutual_username=mytargetusername&mutual_password=mytargetsecret12";

	static {
		TestGateway.in(ROOT)
			.settings("[config]\napi_host = 127.0.0.1\napi_secure = false\nminimum_gateways = 1\nceph_config_dir = "
					+ keys() + "\n");
	}

	static Path keys() {
		try {
			return Path.of(ChapEncryptionTests.class.getResource("/state/keys").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestGateway.in(ROOT).register(registry, SELF);
	}

	@LocalServerPort
	int port;

	@Autowired
	ConfigRepository repository;

	@Autowired
	ChapCipher cipher;

	RawHttp.Response put(String path, String form) throws IOException {
		return RawHttp.to("127.0.0.1", this.port).basic("admin", "admin").send("PUT", path, form);
	}

	void ok(RawHttp.Response response, String message) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(JsonMapper.builder().build().readTree(response.body()).get("message").asString()).isEqualTo(message);
	}

	void assertEncrypted(ChapAuth auth) {
		assertThat(auth.username()).isEqualTo("myiscsiusername");
		assertThat(auth.passwordEncryptionEnabled()).isTrue();
		assertThat(auth.mutualPasswordEncryptionEnabled()).isTrue();
		// RSA-1024 ciphertext in standard Base64
		assertThat(auth.password()).hasSize(172).doesNotContain("myiscsipassword1");
		assertThat(this.cipher.decrypt(auth.password())).isEqualTo("myiscsipassword1");
		assertThat(this.cipher.decrypt(auth.mutualPassword())).isEqualTo("mytargetsecret12");
	}

	@Test
	void passwordsAreStoredEncryptedAndNeverLogged(CapturedOutput output) throws IOException {
		String iqn = "iqn.2003-01.com.example:encrypted";
		String client = "iqn.1994-05.com.example:encrypted";
		ok(put("/api/discoveryauth", CHAP), "discovery auth successful");
		assertEncrypted(this.repository.refresh().config().discoveryAuth());
		ok(put("/api/target/" + iqn, null), "Target defined successfully");
		ok(put("/api/gateway/" + iqn + "/" + SELF, "ip_address=127.0.0.1&skipchecks=true"),
				"Gateway creation successful");
		ok(put("/api/targetauth/" + iqn, "action=disable_acl"), "target auth disable_acl - successful");
		ok(put("/api/targetauth/" + iqn, CHAP), "target auth None - successful");
		assertEncrypted(this.repository.refresh().config().targets().get(iqn).auth());
		ok(put("/api/targetauth/" + iqn, null), "target auth None - successful");
		// no CHAP: empty values, the flags still say encryption is available
		assertThat(this.repository.refresh().config().targets().get(iqn).auth())
			.isEqualTo(new ChapAuth("", "", true, "", "", true));
		ok(put("/api/targetauth/" + iqn, "action=enable_acl"), "target auth enable_acl - successful");
		ok(put("/api/client/" + iqn + "/" + client, null), "client create/update successful");
		ok(put("/api/clientauth/" + iqn + "/" + client, CHAP), "client auth successful");
		ChapAuth stored = this.repository.refresh().config().targets().get(iqn).clients().get(client).auth();
		assertEncrypted(stored);
		// unchanged credentials are not re-encrypted (OAEP is randomised): nothing to
		// commit
		long epoch = this.repository.refresh().epoch();
		ok(put("/api/clientauth/" + iqn + "/" + client, CHAP), "client auth successful");
		assertThat(this.repository.refresh().epoch()).isEqualTo(epoch);
		// a mapping change keeps the stored ciphertexts
		this.repository.commit((config) -> config
			.withDisk("rbd/enc_disk",
					new io.github.iscsigw.gateway.state.Disk("rbd", "enc_disk", 1, "", "user:rbd", "rbd.enc_disk", SELF,
							java.util.Map.of(), SELF, "", ""))
			.withTarget(iqn,
					config.targets().get(iqn).withDisk("rbd/enc_disk", new io.github.iscsigw.gateway.state.LunRef(0))));
		ok(put("/api/clientlun/" + iqn + "/" + client, "disk=rbd/enc_disk"), "client masking update successful");
		assertThat(this.repository.refresh().config().targets().get(iqn).clients().get(client).auth())
			.isEqualTo(stored);
		// the dashboard reads plain text
		RawHttp.Response config = RawHttp.to("127.0.0.1", this.port)
			.basic("admin", "admin")
			.get("/api/config?decrypt_passwords=True");
		JsonNode auth = JsonMapper.builder()
			.build()
			.readTree(config.body())
			.get("targets")
			.get(iqn)
			.get("clients")
			.get(client)
			.get("auth");
		assertThat(auth.get("password").asString()).isEqualTo("myiscsipassword1");
		assertThat(auth.get("mutual_password").asString()).isEqualTo("mytargetsecret12");
		assertThat(output.getAll()).doesNotContain("myiscsipassword1").doesNotContain("mytargetsecret12");
	}

}
