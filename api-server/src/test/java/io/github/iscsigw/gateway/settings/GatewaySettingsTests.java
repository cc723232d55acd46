package io.github.iscsigw.gateway.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySettingsTests {

	@TempDir
	Path dir;

	private GatewaySettings load(String text) throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file, text);
		return GatewaySettings.load(file, Map.of(), (key) -> Optional.empty());
	}

	@Test
	void missingFileMeansAllDefaults() {
		GatewaySettings settings = GatewaySettings.load(this.dir.resolve("absent.cfg"), Map.of(),
				(key) -> Optional.empty());
		assertThat(settings.values()).isEqualTo(GatewaySettings.defaults().values());
		assertThat(settings.apiPort()).isEqualTo(5000);
		assertThat(settings.apiSecure()).isTrue();
		assertThat(settings.apiHost()).isEqualTo("::");
		assertThat(settings.trustedIpList()).isEmpty();
		assertThat(settings.minimumGateways()).isEqualTo(2);
		assertThat(settings.source()).contains("absent");
	}

	@Test
	void everyDefaultOfTheSpec() {
		Map<String, Object> values = GatewaySettings.defaults().values();
		assertThat(values).containsEntry("cluster_name", "ceph")
			.containsEntry("pool", "rbd")
			.containsEntry("cluster_client_name", "client.admin")
			.containsEntry("ceph_config_dir", "/etc/ceph")
			.containsEntry("gateway_conf", "gateway.conf")
			.containsEntry("api_ssl_verify", false)
			.containsEntry("api_user", "admin")
			.containsEntry("api_password", "admin")
			.containsEntry("time_out", 30)
			.containsEntry("loop_delay", 2)
			.containsEntry("debug", false)
			.containsEntry("prometheus_exporter", true)
			.containsEntry("prometheus_port", 9287)
			.containsEntry("prometheus_host", "::")
			.containsEntry("logger_level", 10)
			.containsEntry("log_to_stderr", false)
			.containsEntry("log_to_stderr_prefix", "")
			.containsEntry("log_to_file", true)
			.containsEntry("alua_failover_type", "implicit")
			.containsEntry("status_check_interval", 10)
			.containsEntry("lock_lost_cnt_threshhold", 12)
			.containsEntry("stable_state_reset_count", 3)
			.containsEntry("max_data_area_mb", 8)
			.containsEntry("qfull_timeout", 5)
			.containsEntry("osd_op_timeout", 30)
			.containsEntry("hw_max_sectors", 1024);
		assertThat(values).hasSize(45);
	}

	@Test
	void parsesTheSampleFile() throws IOException {
		GatewaySettings settings = load("""
				[config]
				cluster_name = ceph
				api_secure = false
				# api_user = admin
				; api_port = 5001
				trusted_ip_list = 192.168.0.10, 192.168.0.11
				""");
		assertThat(settings.apiSecure()).isFalse();
		assertThat(settings.trustedIpList()).containsExactly("192.168.0.10", "192.168.0.11");
		assertThat(settings.apiPort()).isEqualTo(5000);
	}

	@Test
	void keysAreCaseInsensitiveAndColonSeparatorsWork() throws IOException {
		GatewaySettings settings = load("[config]\nAPI_PORT: 5003\nApi_Secure = NO\n[target]\ncmdsn_depth=64\n");
		assertThat(settings.apiPort()).isEqualTo(5003);
		assertThat(settings.apiSecure()).isFalse();
		assertThat(settings.targetDefaultControls()).containsEntry("cmdsn_depth", 64);
	}

	@Test
	void booleansAcceptEveryPythonSpelling() throws IOException {
		for (String yes : List.of("true", "TRUE", "Yes", "1")) {
			assertThat(load("[config]\ndebug = " + yes + "\n").bool("debug")).as(yes).isTrue();
		}
		for (String no : List.of("false", "False", "NO", "0")) {
			assertThat(load("[config]\napi_secure = " + no + "\n").apiSecure()).as(no).isFalse();
		}
	}

	@Test
	void integersLikePythonInt() throws IOException {
		assertThat(load("[config]\napi_port = +5_001\n").apiPort()).isEqualTo(5001);
	}

	@Test
	void emptyListIsEmpty() throws IOException {
		assertThat(load("[config]\ntrusted_ip_list =\n").trustedIpList()).isEmpty();
	}

	@Test
	void quotesAreKept() throws IOException {
		assertThat(load("[config]\napi_password = \"secret\"\n").apiPassword()).isEqualTo("\"secret\"");
	}

	@Test
	void inlineHashIsPartOfTheValue() throws IOException {
		assertThat(load("[config]\napi_password = abc # not a comment\n").apiPassword())
			.isEqualTo("abc # not a comment");
	}

	@Test
	void percentInterpolation() throws IOException {
		GatewaySettings settings = load("[config]\nbase = secret\napi_password = %(base)s-100%%\n");
		assertThat(settings.apiPassword()).isEqualTo("secret-100%");
	}

	@Test
	void loneePercentStopsStartUp() {
		assertThatThrownBy(() -> load("[config]\napi_password = 100%\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("api_password")
			.hasMessageContaining("%%");
	}

	@Test
	void badIntegerNamesKeyValueAndRange() {
		assertThatThrownBy(() -> load("[config]\napi_port = 70000\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("api_port")
			.hasMessageContaining("'70000'")
			.hasMessageContaining("from 1 to 65535");
		assertThatThrownBy(() -> load("[config]\nlogger_level = INFO\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("logger_level")
			.hasMessageContaining("from 10 to 50");
	}

	@Test
	void badBooleanNamesWhatIsAllowed() {
		assertThatThrownBy(() -> load("[config]\napi_secure = maybe\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("api_secure")
			.hasMessageContaining("'maybe'")
			.hasMessageContaining("true, false, yes, no, 1 or 0");
	}

	@Test
	void badEnum() {
		assertThatThrownBy(() -> load("[config]\nalua_failover_type = automatic\n"))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("implicit, explicit");
	}

	@Test
	void knownKeyInTheWrongSectionStopsStartUp() {
		assertThatThrownBy(() -> load("[config]\nmax_data_area_mb = 16\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("max_data_area_mb")
			.hasMessageContaining("[target]");
		assertThatThrownBy(() -> load("[target]\napi_port = 5001\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("[config]");
	}

	@Test
	void unknownKeysAndSectionsAreIgnored() throws IOException {
		GatewaySettings settings = load("[config]\ngateway_keyring = ceph.client.admin.keyring\n[other]\nx = 1\n");
		assertThat(settings.values()).isEqualTo(GatewaySettings.defaults().values());
	}

	@Test
	void optionOutsideASection() {
		assertThatThrownBy(() -> load("api_port = 5001\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("line 1");
	}

	@Test
	void lineWithoutValue() {
		assertThatThrownBy(() -> load("[config]\napi_port\n")).isInstanceOf(SettingsException.class)
			.hasMessageContaining("line 2");
	}

	@Test
	void apiSslVerifyIsForcedOffWhenSecure() throws IOException {
		assertThat(load("[config]\napi_ssl_verify = true\n").bool("api_ssl_verify")).isFalse();
		assertThat(load("[config]\napi_secure = false\napi_ssl_verify = true\n").bool("api_ssl_verify")).isTrue();
	}

	@Test
	void configKeyIndirectionIsResolved() throws IOException {
		Path file = this.dir.resolve("indirect.cfg");
		Files.writeString(file, "[config]\napi_password = config://iscsi/pw\napi_port = config://iscsi/port\n");
		GatewaySettings settings = GatewaySettings.load(file, Map.of(),
				(key) -> Optional.of(key.equals("iscsi/pw") ? "s3cret" : "5004"));
		assertThat(settings.apiPassword()).isEqualTo("s3cret");
		assertThat(settings.apiPort()).isEqualTo(5004);
	}

	@Test
	void missingConfigKeyFailsNormalisationWithAClearMessage() throws IOException {
		Path file = this.dir.resolve("indirect.cfg");
		Files.writeString(file, "[config]\napi_port = config://iscsi/port\n");
		assertThatThrownBy(() -> GatewaySettings.load(file, Map.of(), (key) -> Optional.empty()))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("config-key 'iscsi/port'")
			.hasMessageContaining("api_port");
	}

	@Test
	void overridesAreValidatedLikeTheFile() throws IOException {
		Path file = this.dir.resolve("x.cfg");
		Files.writeString(file, "[config]\napi_port = 5001\n");
		GatewaySettings settings = GatewaySettings.load(file, Map.of("api_port", "5002"), (key) -> Optional.empty());
		assertThat(settings.apiPort()).isEqualTo(5002);
		assertThatThrownBy(() -> GatewaySettings.load(file, Map.of("api_port", "x"), (key) -> Optional.empty()))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("api_port");
		assertThatThrownBy(() -> GatewaySettings.load(file, Map.of("no_such", "1"), (key) -> Optional.empty()))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("no_such");
	}

	@Test
	void toStringRedactsThePassword() throws IOException {
		assertThat(load("[config]\napi_password = hunter2hunter2\n").toString()).doesNotContain("hunter2")
			.contains("<redacted>");
	}

	@Test
	void defaultCredentialsAreRefusedOnAnOpenAddress() throws IOException {
		GatewayProperties props = new GatewayProperties(null, null, null, null, false, null, null, null);
		assertThatThrownBy(() -> SettingsConfiguration.refuseDefaultCredentialsOnOpenAddress(load("[config]\n"), props))
			.isInstanceOf(SettingsException.class)
			.hasMessageContaining("admin/admin");
		SettingsConfiguration.refuseDefaultCredentialsOnOpenAddress(load("[config]\napi_host = 127.0.0.1\n"), props);
		SettingsConfiguration.refuseDefaultCredentialsOnOpenAddress(load("[config]\napi_host = ::1\n"), props);
		SettingsConfiguration.refuseDefaultCredentialsOnOpenAddress(load("[config]\napi_password = other\n"), props);
		GatewayProperties allow = new GatewayProperties(null, null, null, null, true, null, null, null);
		SettingsConfiguration.refuseDefaultCredentialsOnOpenAddress(load("[config]\n"), allow);
	}

	@Test
	void reloadTakesRuntimeSettingsAndReportsTheRest() throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file, "[config]\napi_port = 5001\ntrusted_ip_list = 10.0.0.1\n");
		SettingsFile source = new SettingsFile(file, Map.of());
		GatewaySettings running = source.read();
		Files.writeString(file, "[config]\napi_port = 5002\ntrusted_ip_list = 10.0.0.1,10.0.0.2\n"
				+ "minimum_gateways = 1\n[target]\ncmdsn_depth = 64\n");
		GatewaySettings.Reload reload = source.reloadInto(running);
		assertThat(reload.applied()).containsExactlyInAnyOrder("trusted_ip_list", "minimum_gateways", "cmdsn_depth");
		assertThat(reload.needRestart()).containsExactly("api_port");
		assertThat(running.trustedIpList()).containsExactly("10.0.0.1", "10.0.0.2");
		assertThat(running.minimumGateways()).isEqualTo(1);
		assertThat(running.targetDefaultControls()).containsEntry("cmdsn_depth", 64);
		assertThat(running.apiPort()).isEqualTo(5001);
	}

	@Test
	void anInvalidFileOnReloadChangesNothing() throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file, "[config]\nminimum_gateways = 3\n");
		SettingsFile source = new SettingsFile(file, Map.of());
		GatewaySettings running = source.read();
		Files.writeString(file, "[config]\nminimum_gateways = 0\ntrusted_ip_list = 10.0.0.9\n");
		assertThat(source.reloadInto(running)).isNull();
		assertThat(running.minimumGateways()).isEqualTo(3);
		assertThat(running.trustedIpList()).isEmpty();
	}

}
