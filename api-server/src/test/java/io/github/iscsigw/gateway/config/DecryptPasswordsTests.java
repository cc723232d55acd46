package io.github.iscsigw.gateway.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.iscsigw.gateway.RawHttp;
import io.github.iscsigw.gateway.TestGateway;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/config?decrypt_passwords=…} with the test key pair of gateway-conf.md
 * §4.3 installed: current and legacy ciphertexts decrypt, an undecryptable value becomes
 * null, the flags stay as stored, and without the parameter nothing is decrypted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecryptPasswordsTests {

	static final String CURRENT = "gSIgdn9WcIHsFLKvc7aQkQxK5xAyy8WiSpb3Qnjc3bf9/n5iEVFXzeSFDIfOqEi0UbHiH/3/gy2obrTUYOwXadnShWZmXMlZGH7dVc/Lyg972NUxvU7lUUrZBBUGvIkbSlLWiQmu3Zao6vVFknEWut9Snc9bbw02qzfABVwgdgQ=";

	static final String LEGACY = "0adOvh7GIZO761OEm+GcXFn73aNo2fnn7BL4uqXPW3qDJ8PKgikGpFnTcETV/anMPFz2JWLighpdRdT0vv56GShFhABwk8hpCiaxf25x7SL1s4TX2tgbw9C9Txr03TEpuZ7ks+jmeJLq6kBuMbOmNsVHn1MKe2/GtywVWQ9KEr8=";

	static final Path ROOT = TestGateway.tempDirectory("decrypt-passwords");

	static {
		String document = new String(TestGateway.resource("/state/full-example-v11.json"), StandardCharsets.UTF_8)
			.replace(
					"\"password\": \"myiscsipassword1\",\n                        \"password_encryption_enabled\": false",
					"\"password\": \"" + CURRENT + "\",\n                        \"password_encryption_enabled\": true")
			.replace(
					"\"mutual_password\": \"mytargetsecret12\",\n                        \"mutual_password_encryption_enabled\": false",
					"\"mutual_password\": \"bm90IGNpcGhlcnRleHQ=\",\n                        \"mutual_password_encryption_enabled\": true")
			.replaceFirst("\"password\": \"\",\n        \"password_encryption_enabled\": false",
					"\"password\": \"" + LEGACY + "\",\n        \"password_encryption_enabled\": true");
		assertThat(document).contains(CURRENT).contains(LEGACY).contains("bm90IGNpcGhlcnRleHQ=");
		TestGateway.in(ROOT)
			.settings("[config]\napi_host = 127.0.0.1\napi_secure = false\nceph_config_dir = " + keys() + "\n")
			.document(document.getBytes(StandardCharsets.UTF_8), 27);
	}

	static Path keys() {
		try {
			return Path.of(DecryptPasswordsTests.class.getResource("/state/keys").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestGateway.in(ROOT).register(registry, "gw1.example.com");
	}

	@LocalServerPort
	int port;

	JsonNode config(String query) throws IOException {
		RawHttp.Response response = RawHttp.to("127.0.0.1", this.port)
			.basic("admin", "admin")
			.get("/api/config" + query);
		assertThat(response.status()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	@Test
	void decryptsCurrentAndLegacyCiphertextsAndNullsTheRest() throws IOException {
		JsonNode config = config("?decrypt_passwords=True");
		JsonNode client = config.get("targets")
			.get("iqn.2003-01.com.example.iscsi-gw:ceph-igw")
			.get("clients")
			.get("iqn.1994-05.com.example:client1")
			.get("auth");
		assertThat(client.get("password").asString()).isEqualTo("myiscsipassword1");
		assertThat(client.get("password_encryption_enabled").asBoolean()).isTrue();
		assertThat(client.get("mutual_password").isNull()).isTrue();
		assertThat(client.get("mutual_password_encryption_enabled").asBoolean()).isTrue();
		assertThat(config.get("discovery_auth").get("password").asString()).isEqualTo("legacypassword01");
	}

	@Test
	void withoutTheParameterPasswordsStayEncrypted() throws IOException {
		for (String query : new String[] { "", "?decrypt_passwords=false", "?decrypt_passwords=yes" }) {
			JsonNode config = config(query);
			assertThat(config.get("discovery_auth").get("password").asString()).as(query).isEqualTo(LEGACY);
		}
	}

}
