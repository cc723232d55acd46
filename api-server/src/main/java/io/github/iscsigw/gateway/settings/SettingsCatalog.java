package io.github.iscsigw.gateway.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting ceph-iscsi knows, in the order its settings hash uses (settings.md §4:
 * {@code [config]}, then the {@code [target]} target keys, the {@code [target]} disk keys
 * and {@code [device_status]}), plus the two keys the hash leaves out.
 */
final class SettingsCatalog {

	static final String CONFIG = "config";

	static final String TARGET = "target";

	static final String DEVICE_STATUS = "device_status";

	/** Target (TPG/ACL) controls, in the order {@code /api/settings} and the hash use. */
	static final List<String> TARGET_CONTROLS = List.of("dataout_timeout", "nopin_response_timeout", "nopin_timeout",
			"cmdsn_depth", "immediate_data", "initial_r2t", "max_outstanding_r2t", "first_burst_length",
			"max_burst_length", "max_recv_data_segment_length", "max_xmit_data_segment_length");

	/** Disk (TCMU) controls. */
	static final List<String> DISK_CONTROLS = List.of("max_data_area_mb", "qfull_timeout", "osd_op_timeout",
			"hw_max_sectors");

	/** Settings excluded from the hash. */
	static final List<String> NOT_HASHED = List.of("cluster_client_name", "logger_level");

	static final Map<String, SettingDefinition> ALL;

	static {
		Map<String, SettingDefinition> all = new LinkedHashMap<>();
		for (SettingDefinition definition : List.of(
				// [config] in the hash order
				SettingDefinition.str(CONFIG, "cluster_name", "ceph"), SettingDefinition.str(CONFIG, "pool", "rbd"),
				SettingDefinition.integer(CONFIG, "time_out", 30, 1, 600),
				SettingDefinition.str(CONFIG, "api_host", "::"),
				SettingDefinition.integer(CONFIG, "api_port", 5000, 1, 65535),
				SettingDefinition.bool(CONFIG, "api_secure", true),
				SettingDefinition.bool(CONFIG, "api_ssl_verify", false),
				SettingDefinition.integer(CONFIG, "loop_delay", 2, 1, 60),
				SettingDefinition.list(CONFIG, "trusted_ip_list"), SettingDefinition.str(CONFIG, "api_user", "admin"),
				SettingDefinition.str(CONFIG, "api_password", "admin"),
				SettingDefinition.str(CONFIG, "ceph_user", "admin"), SettingDefinition.bool(CONFIG, "debug", false),
				SettingDefinition.integer(CONFIG, "minimum_gateways", 2, 1, 9999),
				SettingDefinition.str(CONFIG, "ceph_config_dir", "/etc/ceph"),
				SettingDefinition.str(CONFIG, "gateway_conf", "gateway.conf"),
				SettingDefinition.str(CONFIG, "priv_key", "iscsi-gateway.key"),
				SettingDefinition.str(CONFIG, "pub_key", "iscsi-gateway-pub.key"),
				SettingDefinition.bool(CONFIG, "prometheus_exporter", true),
				SettingDefinition.integer(CONFIG, "prometheus_port", 9287, 1, 65535),
				SettingDefinition.str(CONFIG, "prometheus_host", "::"),
				SettingDefinition.bool(CONFIG, "log_to_stderr", false),
				SettingDefinition.str(CONFIG, "log_to_stderr_prefix", ""),
				SettingDefinition.bool(CONFIG, "log_to_file", true),
				SettingDefinition.enumeration(CONFIG, "alua_failover_type", "implicit", "implicit", "explicit"),
				// [target] target controls
				SettingDefinition.integer(TARGET, "dataout_timeout", 20, 2, 60),
				SettingDefinition.integer(TARGET, "nopin_response_timeout", 5, 3, 60),
				SettingDefinition.integer(TARGET, "nopin_timeout", 5, 3, 60),
				SettingDefinition.integer(TARGET, "cmdsn_depth", 128, 1, 512),
				SettingDefinition.bool(TARGET, "immediate_data", true),
				SettingDefinition.bool(TARGET, "initial_r2t", true),
				SettingDefinition.integer(TARGET, "max_outstanding_r2t", 1, 1, 65535),
				SettingDefinition.integer(TARGET, "first_burst_length", 262144, 512, 16777215),
				SettingDefinition.integer(TARGET, "max_burst_length", 524288, 512, 16777215),
				SettingDefinition.integer(TARGET, "max_recv_data_segment_length", 262144, 512, 16777215),
				SettingDefinition.integer(TARGET, "max_xmit_data_segment_length", 262144, 512, 16777215),
				// [target] disk controls
				SettingDefinition.integer(TARGET, "max_data_area_mb", 8, 1, 2048),
				SettingDefinition.integer(TARGET, "qfull_timeout", 5, 0, 600),
				SettingDefinition.integer(TARGET, "osd_op_timeout", 30, 0, 600),
				SettingDefinition.integer(TARGET, "hw_max_sectors", 1024, 1, 8192),
				// [device_status]
				SettingDefinition.integer(DEVICE_STATUS, "lock_lost_cnt_threshhold", 12, 1, 1000000),
				SettingDefinition.integer(DEVICE_STATUS, "status_check_interval", 10, 1, 600),
				SettingDefinition.integer(DEVICE_STATUS, "stable_state_reset_count", 3, 1, 600),
				// not hashed
				SettingDefinition.str(CONFIG, "cluster_client_name", "client.admin"),
				SettingDefinition.integer(CONFIG, "logger_level", 10, 10, 50))) {
			all.put(definition.name(), definition);
		}
		ALL = Collections.unmodifiableMap(all);
	}

	private SettingsCatalog() {
	}

}
