package io.github.iscsigw.gateway.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The effective settings of {@code iscsi-gateway.cfg} (settings.md §2): every key with
 * its normalised value, built-in defaults for what the file does not set.
 * <p>
 * Unlike ceph-iscsi, which silently ignores a value it cannot parse, a bad value stops
 * start-up with a message naming the key, the value and what is allowed.
 */
public final class GatewaySettings {

	/** Prefix of a value that ceph-iscsi reads from the monitor config-key store. */
	static final String CONFIG_KEY_PREFIX = "config://";

	/**
	 * Settings that only take effect at start-up: where the daemon listens, who it is to
	 * Ceph, which keys it uses. A reload reports them and keeps the running values.
	 */
	static final List<String> RESTART_REQUIRED = List.of("cluster_name", "pool", "cluster_client_name",
			"ceph_config_dir", "gateway_conf", "api_host", "api_port", "api_secure", "api_ssl_verify", "api_user",
			"api_password", "priv_key", "pub_key", "prometheus_exporter", "prometheus_port", "prometheus_host",
			"time_out");

	private volatile Map<String, Object> values;

	private final String source;

	private GatewaySettings(Map<String, Object> values, String source) {
		this.values = Collections.unmodifiableMap(values);
		this.source = source;
	}

	/**
	 * Takes over the values of a freshly read file that may change while the daemon runs
	 * ({@code trusted_ip_list}, {@code minimum_gateways}, the {@code [target]} and
	 * {@code [device_status]} defaults, logging…), as ceph-iscsi's daemon does on SIGHUP.
	 * @param fresh the settings read again
	 * @return the keys whose new value was taken, and those that need a restart
	 */
	public Reload reload(GatewaySettings fresh) {
		Map<String, Object> next = new LinkedHashMap<>(this.values);
		List<String> applied = new java.util.ArrayList<>();
		List<String> needRestart = new java.util.ArrayList<>();
		fresh.values.forEach((key, value) -> {
			if (value.equals(this.values.get(key))) {
				return;
			}
			if (RESTART_REQUIRED.contains(key)) {
				needRestart.add(key);
			}
			else {
				next.put(key, value);
				applied.add(key);
			}
		});
		this.values = Collections.unmodifiableMap(next);
		return new Reload(List.copyOf(applied), List.copyOf(needRestart));
	}

	/**
	 * The outcome of {@link #reload(GatewaySettings)}.
	 *
	 * @param applied keys whose new value is in effect
	 * @param needRestart keys that changed in the file but take effect only after a
	 * restart
	 */
	public record Reload(List<String> applied, List<String> needRestart) {
	}

	/**
	 * The built-in defaults (as with no settings file).
	 * @return the defaults
	 */
	public static GatewaySettings defaults() {
		return load(null, Map.of(), (key) -> Optional.empty());
	}

	/**
	 * Reads a settings file (a missing file means all defaults), then applies overrides.
	 * @param file the file, or {@code null} for none
	 * @param overrides raw values by key (e.g. from Spring properties), validated like
	 * the file
	 * @param configKeys resolves {@code config://<key>} values from the monitor
	 * config-key store; empty when the key is absent
	 * @return the effective settings
	 * @throws SettingsException naming the key, value and what is allowed
	 */
	public static GatewaySettings load(Path file, Map<String, String> overrides,
			Function<String, Optional<String>> configKeys) {
		Map<String, Object> values = new LinkedHashMap<>();
		SettingsCatalog.ALL.forEach((name, definition) -> values.put(name, definition.defaultValue()));
		String source = "built-in defaults";
		if (file != null) {
			String text;
			try {
				text = Files.readString(file, StandardCharsets.UTF_8);
				source = file.toString();
			}
			catch (NoSuchFileException ex) {
				text = null;
				source = file + " (absent: built-in defaults)";
			}
			catch (IOException ex) {
				throw new SettingsException("cannot read settings file " + file + ": " + ex.getMessage(), ex);
			}
			if (text != null) {
				applyFile(IniFile.parse(text, file.toString()), file.toString(), values, configKeys);
			}
		}
		overrides.forEach((key, raw) -> {
			SettingDefinition definition = SettingsCatalog.ALL.get(key);
			if (definition == null) {
				throw new SettingsException("unknown setting override '" + key + "'; known settings: "
						+ String.join(", ", SettingsCatalog.ALL.keySet()));
			}
			values.put(key, normalise(definition, raw.strip(), "override"));
		});
		if (Boolean.TRUE.equals(values.get("api_secure"))) {
			// ceph-iscsi forces this off whenever api_secure is on (settings.md §2.1)
			values.put("api_ssl_verify", false);
		}
		return new GatewaySettings(values, source);
	}

	private static void applyFile(IniFile ini, String source, Map<String, Object> values,
			Function<String, Optional<String>> configKeys) {
		ini.sections().forEach((section, options) -> {
			Map<String, String> indirect = new LinkedHashMap<>();
			options.forEach((key, raw) -> {
				SettingDefinition definition = SettingsCatalog.ALL.get(key);
				if (definition == null) {
					return; // unknown keys are ignored, as ceph-iscsi does
				}
				if (!definition.section().equals(section)) {
					throw new SettingsException(source + ": '" + key + "' belongs in section [" + definition.section()
							+ "], not [" + section + "]");
				}
				if (raw.startsWith(CONFIG_KEY_PREFIX)) {
					indirect.put(key, raw);
				}
				else {
					values.put(key, normalise(definition, raw, source));
				}
			});
			// config:// values are resolved after the plain values of the section
			indirect.forEach((key, raw) -> {
				String configKey = raw.substring(CONFIG_KEY_PREFIX.length());
				String resolved = configKeys.apply(configKey).orElse("");
				values.put(key, normalise(SettingsCatalog.ALL.get(key), resolved.strip(),
						source + " (via config-key '" + configKey + "')"));
			});
		});
	}

	private static Object normalise(SettingDefinition definition, String raw, String source) {
		try {
			return definition.type().normalise(definition, raw);
		}
		catch (IllegalArgumentException ex) {
			throw new SettingsException(source + ": invalid value '" + raw + "' for [" + definition.section() + "] "
					+ definition.name() + "; " + ex.getMessage());
		}
	}

	/**
	 * Every effective value by key, in the settings-hash order.
	 * @return the values
	 */
	public Map<String, Object> values() {
		return this.values;
	}

	/**
	 * Where the settings came from (for the start-up banner).
	 * @return the file path or "built-in defaults"
	 */
	public String source() {
		return this.source;
	}

	public String string(String key) {
		return (String) require(key);
	}

	public int integer(String key) {
		return (Integer) require(key);
	}

	public boolean bool(String key) {
		return (Boolean) require(key);
	}

	@SuppressWarnings("unchecked")
	public List<String> list(String key) {
		return (List<String>) require(key);
	}

	private Object require(String key) {
		Object value = this.values.get(key);
		if (value == null) {
			throw new IllegalArgumentException("unknown setting " + key);
		}
		return value;
	}

	public String clusterName() {
		return string("cluster_name");
	}

	public String pool() {
		return string("pool");
	}

	public String clusterClientName() {
		return string("cluster_client_name");
	}

	public String cephConfigDir() {
		return string("ceph_config_dir");
	}

	public String gatewayConf() {
		return string("gateway_conf");
	}

	public String apiHost() {
		return string("api_host");
	}

	public int apiPort() {
		return integer("api_port");
	}

	public boolean apiSecure() {
		return bool("api_secure");
	}

	public String apiUser() {
		return string("api_user");
	}

	public String apiPassword() {
		return string("api_password");
	}

	public List<String> trustedIpList() {
		return list("trusted_ip_list");
	}

	public int minimumGateways() {
		return integer("minimum_gateways");
	}

	public int timeOut() {
		return integer("time_out");
	}

	public int loopDelay() {
		return integer("loop_delay");
	}

	public String privKey() {
		return string("priv_key");
	}

	public String pubKey() {
		return string("pub_key");
	}

	/**
	 * The effective default of each target control, in {@code /api/settings} order.
	 * @return control name to value
	 */
	public Map<String, Object> targetDefaultControls() {
		return subset(SettingsCatalog.TARGET_CONTROLS);
	}

	/**
	 * The effective default of each disk control.
	 * @return control name to value
	 */
	public Map<String, Object> diskDefaultControls() {
		return subset(SettingsCatalog.DISK_CONTROLS);
	}

	private Map<String, Object> subset(List<String> keys) {
		Map<String, Object> result = new LinkedHashMap<>();
		keys.forEach((key) -> result.put(key, this.values.get(key)));
		return result;
	}

	@Override
	public String toString() {
		// never print the API password
		Map<String, Object> shown = new LinkedHashMap<>(this.values);
		shown.put("api_password", "<redacted>");
		return "GatewaySettings" + shown;
	}

}
