package io.github.iscsigw.gateway.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Loads {@code iscsi-gateway.cfg} once at start-up and refuses unsafe combinations.
 */
@Configuration(proxyBeanMethods = false)
class SettingsConfiguration {

	/** Default location, as in ceph-iscsi. */
	static final String DEFAULT_FILE = "/etc/ceph/iscsi-gateway.cfg";

	@Bean
	SettingsFile settingsSource(Environment environment, GatewayProperties properties) {
		Map<String, String> overrides = new LinkedHashMap<>();
		// Spring's binder drops '_' from unbracketed map keys; accept "api-port" for
		// "api_port"
		properties.settingOverrides().forEach((key, value) -> overrides.put(key.replace('-', '_'), value));
		return new SettingsFile(settingsFile(environment), overrides);
	}

	@Bean
	GatewaySettings gatewaySettings(SettingsFile source, GatewayProperties properties) {
		GatewaySettings settings = source.read();
		refuseDefaultCredentialsOnOpenAddress(settings, properties);
		return settings;
	}

	@Bean
	Controls controls(GatewaySettings settings) {
		return new Controls(settings);
	}

	/**
	 * The settings file: {@code --config=PATH}, else the environment variable
	 * {@code ISCSI_GATEWAY_CFG}, else {@value #DEFAULT_FILE}.
	 * @param environment the Spring environment
	 * @return the path
	 */
	static Path settingsFile(Environment environment) {
		String option = environment.getProperty("config");
		if (option == null || option.isBlank()) {
			option = environment.getProperty("ISCSI_GATEWAY_CFG");
		}
		return Path.of((option == null || option.isBlank()) ? DEFAULT_FILE : option);
	}

	/**
	 * ceph-iscsi happily serves its whole API with {@code admin}/{@code admin} on every
	 * interface; we only allow that on loopback unless explicitly told otherwise.
	 */
	static void refuseDefaultCredentialsOnOpenAddress(GatewaySettings settings, GatewayProperties properties) {
		boolean defaults = settings.apiUser().equals("admin") && settings.apiPassword().equals("admin");
		if (!defaults || properties.allowDefaultCredentials() || isLoopback(settings.apiHost())) {
			return;
		}
		throw new SettingsException("refusing to listen on " + settings.apiHost()
				+ " with the default credentials admin/admin: set api_user and api_password in " + settings.source()
				+ ", or set api_host to a loopback address, or start with --gateway.allow-default-credentials=true");
	}

	static boolean isLoopback(String host) {
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		try {
			return Optional.of(InetAddress.getByName(bare)).map(InetAddress::isLoopbackAddress).orElse(false);
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
