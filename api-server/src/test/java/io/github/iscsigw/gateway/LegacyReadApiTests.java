package io.github.iscsigw.gateway;

import java.io.IOException;
import java.nio.file.Path;

import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsHash;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only legacy API end to end over real sockets: access control by source address
 * and credentials, and every endpoint's body, on a gateway whose store holds the full
 * example of gateway-conf.md §3.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyReadApiTests {

	static final String TARGET = "iqn.2003-01.com.example.iscsi-gw:ceph-igw";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Path ROOT = TestGateway.tempDirectory("legacy-read-api");

	static {
		TestGateway.in(ROOT).settings("""
				[config]
				api_host = 127.0.0.1
				api_secure = false
				trusted_ip_list = 127.0.0.3
				""").document("/state/full-example-v11.json", 27);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestGateway.in(ROOT).register(registry, "gw1.example.com");
	}

	@LocalServerPort
	int port;

	@Autowired
	GatewaySettings settings;

	RawHttp admin() {
		return RawHttp.to("127.0.0.1", this.port).basic("admin", "admin");
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	static JsonNode json(RawHttp.Response response) {
		assertThat(response.headers().get("content-type")).startsWith("application/json");
		return JSON.readTree(response.body());
	}

	@Test
	void apiIndexNeedsNoAuthentication() throws IOException {
		RawHttp.Response response = RawHttp.to("127.0.0.1", this.port).from("127.0.0.2").get("/api");
		assertThat(response.status()).isEqualTo(200);
		JsonNode api = json(response).get("api");
		assertThat(api.isArray()).isTrue();
		assertThat(api.toString()).contains("/api/targets : ").contains("/api/config : ").doesNotContain("/api/_ping");
		assertThat(api.get(0).get(1).asString()).startsWith("Methods: ");
	}

	@Test
	void pingAnswersPong() throws IOException {
		RawHttp.Response response = admin().get("/api/_ping");
		assertThat(response.status()).isEqualTo(200);
		assertThat(json(response)).isEqualTo(json("{\"message\":\"pong\"}"));
	}

	@Test
	void untrustedSourceGetsTheExact403BeforeCredentialsAreChecked() throws IOException {
		for (RawHttp client : new RawHttp[] { RawHttp.to("127.0.0.1", this.port).from("127.0.0.2"),
				RawHttp.to("127.0.0.1", this.port).from("127.0.0.2").basic("admin", "admin"),
				RawHttp.to("127.0.0.1", this.port).from("127.0.0.2").basic("admin", "wrong") }) {
			RawHttp.Response response = client.get("/api/config");
			assertThat(response.status()).isEqualTo(403);
			assertThat(json(response)).isEqualTo(json("{\"message\":\"API access not available to 127.0.0.2\"}"));
		}
	}

	@Test
	void forwardedForIsIgnored() throws IOException {
		RawHttp.Response response = RawHttp.to("127.0.0.1", this.port)
			.from("127.0.0.2")
			.basic("admin", "admin")
			.with("X-Forwarded-For", "127.0.0.1")
			.get("/api/targets");
		assertThat(response.status()).isEqualTo(403);
	}

	@Test
	void trustedIpListIsHonoured() throws IOException {
		RawHttp.Response response = RawHttp.to("127.0.0.1", this.port)
			.from("127.0.0.3")
			.basic("admin", "admin")
			.get("/api/targets");
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void missingAndWrongCredentials() throws IOException {
		RawHttp.Response missing = RawHttp.to("127.0.0.1", this.port).get("/api/config");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(json(missing)).isEqualTo(json("{\"message\":\"Missing credentials\"}"));
		assertThat(missing.headers()).doesNotContainKey("www-authenticate");
		RawHttp.Response wrong = RawHttp.to("127.0.0.1", this.port).basic("admin", "nope").get("/api/config");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(json(wrong))
			.isEqualTo(json("{\"message\":\"username/password mismatch with the configuration file\"}"));
		assertThat(wrong.headers()).doesNotContainKey("www-authenticate");
		RawHttp.Response wrongUser = RawHttp.to("127.0.0.1", this.port).basic("root", "admin").get("/api/config");
		assertThat(wrongUser.status()).isEqualTo(401);
		RawHttp.Response garbage = RawHttp.to("127.0.0.1", this.port).header("Basic !!!").get("/api/config");
		assertThat(garbage.status()).isEqualTo(401);
		assertThat(json(garbage)).isEqualTo(json(wrong.body()));
	}

	@Test
	void sysinfoNeedsCredentialsButNoTrustedSource() throws IOException {
		RawHttp untrusted = RawHttp.to("127.0.0.1", this.port).from("127.0.0.2");
		assertThat(untrusted.get("/api/sysinfo/hostname").status()).isEqualTo(401);
		RawHttp.Response response = untrusted.basic("admin", "admin").get("/api/sysinfo/hostname");
		assertThat(response.status()).isEqualTo(200);
		assertThat(json(response)).isEqualTo(json("{\"data\":\"gw1.example.com\"}"));
	}

	@Test
	void sysinfoQueries() throws IOException {
		assertThat(json(admin().get("/api/sysinfo/checkconf")).get("data").asString())
			.isEqualTo(SettingsHash.of(this.settings))
			.hasSize(64);
		JsonNode addresses = json(admin().get("/api/sysinfo/ip_addresses")).get("data");
		assertThat(addresses.isArray()).isTrue();
		assertThat(addresses.toString()).doesNotContain("\"127.0.0.1\"").doesNotContain("\"::1\"").doesNotContain("%");
		RawHttp.Response versions = admin().get("/api/sysinfo/checkversions");
		assertThat(versions.status()).isIn(200, 500);
		RawHttp.Response unknown = admin().get("/api/sysinfo/bogus");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(json(unknown)).isEqualTo(json("{\"message\":\"Unknown /sysinfo query\"}"));
	}

	@Test
	void settingsEqualTheSpecsDefaultResponse() throws IOException {
		RawHttp.Response response = admin().get("/api/settings");
		assertThat(response.status()).isEqualTo(200);
		assertThat(json(response)).isEqualTo(
				json("""
						{"api_version": 2,
						 "backstores": ["user:rbd"],
						 "config": {"minimum_gateways": 2},
						 "default_backstore": "user:rbd",
						 "disk_controls_limits": {"user:rbd": {
						    "hw_max_sectors": {"max": 8192, "min": 1, "type": "int"},
						    "max_data_area_mb": {"max": 2048, "min": 1, "type": "int"},
						    "osd_op_timeout": {"max": 600, "min": 0, "type": "int"},
						    "qfull_timeout": {"max": 600, "min": 0, "type": "int"}}},
						 "disk_default_controls": {"user:rbd": {"hw_max_sectors": 1024, "max_data_area_mb": 8, "osd_op_timeout": 30, "qfull_timeout": 5}},
						 "required_rbd_features": {"user:rbd": 4},
						 "target_controls_limits": {
						    "cmdsn_depth": {"max": 512, "min": 1, "type": "int"},
						    "dataout_timeout": {"max": 60, "min": 2, "type": "int"},
						    "first_burst_length": {"max": 16777215, "min": 512, "type": "int"},
						    "immediate_data": {"type": "bool"},
						    "initial_r2t": {"type": "bool"},
						    "max_burst_length": {"max": 16777215, "min": 512, "type": "int"},
						    "max_outstanding_r2t": {"max": 65535, "min": 1, "type": "int"},
						    "max_recv_data_segment_length": {"max": 16777215, "min": 512, "type": "int"},
						    "max_xmit_data_segment_length": {"max": 16777215, "min": 512, "type": "int"},
						    "nopin_response_timeout": {"max": 60, "min": 3, "type": "int"},
						    "nopin_timeout": {"max": 60, "min": 3, "type": "int"}},
						 "target_default_controls": {"cmdsn_depth": 128, "dataout_timeout": 20, "first_burst_length": 262144,
						    "immediate_data": true, "initial_r2t": true, "max_burst_length": 524288, "max_outstanding_r2t": 1,
						    "max_recv_data_segment_length": 262144, "max_xmit_data_segment_length": 262144,
						    "nopin_response_timeout": 5, "nopin_timeout": 5},
						 "unsupported_rbd_features": {"user:rbd": 0}}
						"""));
		// Flask sorts keys: so do we, on the wire
		assertThat(response.body()).startsWith("{\"api_version\":2,\"backstores\":");
	}

	@Test
	void targets() throws IOException {
		assertThat(json(admin().get("/api/targets"))).isEqualTo(json("{\"targets\":[\"" + TARGET + "\"]}"));
	}

	@Test
	void disksAsIdsOrWithTheirConfig() throws IOException {
		assertThat(json(admin().get("/api/disks"))).isEqualTo(json("{\"disks\":[\"rbd/disk_1\",\"rbd/disk_2\"]}"));
		JsonNode full = json(admin().send("GET", "/api/disks", "config=YES"));
		assertThat(full.get("disks").get("rbd/disk_2").get("controls")).isEqualTo(json("{\"max_data_area_mb\":64}"));
		assertThat(full.get("disks").get("rbd/disk_1").get("wwn").asString())
			.isEqualTo("0e7b8f4c-2f47-4c4e-9a51-4f1d0cbb3c21");
		assertThat(admin().send("GET", "/api/disks", "config=yes").body())
			.contains("{\"allocating_host\":\"gw1.example.com\",\"backstore\":\"user:rbd\",");
		JsonNode no = json(admin().send("GET", "/api/disks", "config=no"));
		assertThat(no.get("disks").isArray()).isTrue();
	}

	@Test
	void gatewaysOfATargetAreItsPortals() throws IOException {
		JsonNode portals = json(admin().get("/api/gateways/" + TARGET.toUpperCase()));
		assertThat(portals.get("gw2.example.com")).isEqualTo(json("""
				{"gateway_ip_list": ["192.168.10.11", "192.168.10.12"], "inactive_portal_ips": ["192.168.10.11"],
				 "portal_ip_addresses": ["192.168.10.12"], "tpgs": 2}"""));
		assertThat(portals.size()).isEqualTo(2);
	}

	@Test
	void clientsAndHostgroups() throws IOException {
		assertThat(json(admin().get("/api/clients/" + TARGET)))
			.isEqualTo(json("{\"clients\":[\"iqn.1994-05.com.example:client1\"]}"));
		assertThat(json(admin().get("/api/hostgroups/" + TARGET))).isEqualTo(json("{\"groups\":[\"group1\"]}"));
	}

	@Test
	void unknownAndInvalidTargetsAreClientErrorsNot500() throws IOException {
		for (String route : new String[] { "gateways", "clients", "hostgroups" }) {
			RawHttp.Response unknown = admin().get("/api/" + route + "/iqn.2003-01.com.example:unknown");
			assertThat(unknown.status()).as(route).isEqualTo(404);
			assertThat(json(unknown))
				.isEqualTo(json("{\"message\":\"Target iqn.2003-01.com.example:unknown does not exist\"}"));
			RawHttp.Response invalid = admin().get("/api/" + route + "/not_an_iqn");
			assertThat(invalid.status()).as(route).isEqualTo(400);
			assertThat(json(invalid))
				.isEqualTo(json("{\"message\":\"Invalid iqn not_an_iqn - WWN not valid as: iqn\"}"));
		}
	}

	@Test
	void configIsTheStoredDocument() throws IOException {
		JsonNode expected = json(new String(
				LegacyReadApiTests.class.getResourceAsStream("/state/full-example-v11.json").readAllBytes()));
		RawHttp.Response response = admin().get("/api/config");
		assertThat(response.status()).isEqualTo(200);
		assertThat(json(response)).isEqualTo(expected);
		assertThat(response.body())
			.startsWith("{\"created\":\"2024/05/02 09:10:00\",\"discovery_auth\":{\"mutual_password\":");
		assertThat(response.body()).endsWith("\"updated\":\"2024/05/02 09:20:31\",\"version\":11}");
		// without keys installed, decryption leaves plain-text passwords as they are
		assertThat(json(admin().get("/api/config?decrypt_passwords=True"))).isEqualTo(expected);
	}

	@Test
	void unknownRouteAndWrongMethodAnswerJson() throws IOException {
		RawHttp.Response unknown = admin().get("/api/nothing/here");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(json(unknown).get("message").asString()).startsWith("404 Not Found: The requested URL");
		RawHttp.Response wrongMethod = admin().send("DELETE", "/api/targets", null);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(json(wrongMethod)).isEqualTo(
				json("{\"message\":\"405 Method Not Allowed: The method is not allowed for the requested URL.\"}"));
	}

	@Test
	void healthProbesAreOpenButSayNothingElse() throws IOException {
		RawHttp anonymous = RawHttp.to("127.0.0.1", this.port).from("127.0.0.2");
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			RawHttp.Response response = anonymous.get(probe);
			assertThat(response.status()).as(probe).isEqualTo(200);
			assertThat(json(response.body()).get("status").asString()).as(probe).isEqualTo("UP");
			assertThat(response.body()).as(probe).doesNotContain("components").doesNotContain("details");
		}
		// everything else of the actuator stays behind the usual checks
		assertThat(anonymous.get("/actuator").status()).isEqualTo(403);
		assertThat(RawHttp.to("127.0.0.1", this.port).get("/actuator/info").status()).isEqualTo(401);
	}

}
