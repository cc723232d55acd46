package io.github.iscsigw.gateway.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vectors of settings.md §4, produced by ceph-iscsi 3.9's own settings module.
 */
class SettingsHashTests {

	@TempDir
	Path dir;

	@Test
	void defaultsSerialiseExactlyLikePython() {
		assertThat(SettingsHash.serialise(GatewaySettings.defaults())).isEqualTo(
				"{\"cluster_name\": \"ceph\", \"pool\": \"rbd\", \"time_out\": 30, \"api_host\": \"::\", \"api_port\": 5000, \"api_secure\": true, \"api_ssl_verify\": false, \"loop_delay\": 2, \"trusted_ip_list\": [], \"api_user\": \"admin\", \"api_password\": \"admin\", \"ceph_user\": \"admin\", \"debug\": false, \"minimum_gateways\": 2, \"ceph_config_dir\": \"/etc/ceph\", \"gateway_conf\": \"gateway.conf\", \"priv_key\": \"iscsi-gateway.key\", \"pub_key\": \"iscsi-gateway-pub.key\", \"prometheus_exporter\": true, \"prometheus_port\": 9287, \"prometheus_host\": \"::\", \"log_to_stderr\": false, \"log_to_stderr_prefix\": \"\", \"log_to_file\": true, \"alua_failover_type\": \"implicit\", \"dataout_timeout\": 20, \"nopin_response_timeout\": 5, \"nopin_timeout\": 5, \"cmdsn_depth\": 128, \"immediate_data\": true, \"initial_r2t\": true, \"max_outstanding_r2t\": 1, \"first_burst_length\": 262144, \"max_burst_length\": 524288, \"max_recv_data_segment_length\": 262144, \"max_xmit_data_segment_length\": 262144, \"max_data_area_mb\": 8, \"qfull_timeout\": 5, \"osd_op_timeout\": 30, \"hw_max_sectors\": 1024, \"lock_lost_cnt_threshhold\": 12, \"status_check_interval\": 10, \"stable_state_reset_count\": 3}");
	}

	@Test
	void defaultsVector() {
		assertThat(SettingsHash.of(GatewaySettings.defaults()))
			.isEqualTo("d602fefb8d199f8fe793952798acbed895a06f46704380a1505f30a93082d5f6");
	}

	@Test
	void sampleFileVector() throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file,
				"[config]\ncluster_name = ceph\napi_secure = false\ntrusted_ip_list = 192.168.0.10,192.168.0.11\n");
		GatewaySettings settings = GatewaySettings.load(file, Map.of(), (key) -> Optional.empty());
		assertThat(SettingsHash.of(settings))
			.isEqualTo("926bf44e206ccae161544cc2ae9143efa83122c163845aa2df7756587be247ab");
	}

	@Test
	void clusterClientNameAndLoggerLevelDoNotChangeTheHash() throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file, "[config]\ncluster_client_name = client.iscsi\nlogger_level = 20\n");
		GatewaySettings settings = GatewaySettings.load(file, Map.of(), (key) -> Optional.empty());
		assertThat(SettingsHash.of(settings)).isEqualTo(SettingsHash.of(GatewaySettings.defaults()));
	}

	@Test
	void nonAsciiIsEscapedLikePython() throws IOException {
		Path file = this.dir.resolve("iscsi-gateway.cfg");
		Files.writeString(file, "[config]\napi_password = pässwörd€\n");
		GatewaySettings settings = GatewaySettings.load(file, Map.of(), (key) -> Optional.empty());
		assertThat(SettingsHash.serialise(settings)).contains("\"api_password\": \"p\\u00e4ssw\\u00f6rd\\u20ac\"");
	}

}
