package io.github.iscsigw.gateway.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Options of this implementation that ceph-iscsi does not have (Spring properties
 * {@code gateway.*}; environment variables {@code GATEWAY_*}).
 *
 * @param name this gateway's name; ceph-iscsi uses the host's FQDN
 * ({@code socket.getfqdn()}), overridable so several gateways can run on one machine
 * @param mode {@code auto} (Ceph when {@code <ceph_config_dir>/<cluster_name>.conf}
 * exists, else embedded), {@code embedded} or {@code ceph}
 * @param dataDir where embedded mode keeps its config document, images and simulated
 * configfs
 * @param configfsRoot the LIO configfs root; when absent or not writable, embedded mode
 * simulates it under {@code dataDir}
 * @param allowDefaultCredentials allow {@code admin}/{@code admin} on a non-loopback
 * address
 * @param tlsCertificate PEM certificate used when {@code api_secure} is true
 * @param tlsPrivateKey PEM private key used when {@code api_secure} is true
 * @param settings overrides of {@code iscsi-gateway.cfg} keys (validated the same way)
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(String name, Mode mode, Path dataDir, Path configfsRoot,
		boolean allowDefaultCredentials, Path tlsCertificate, Path tlsPrivateKey, Map<String, String> settings) {

	public GatewayProperties {
		mode = (mode != null) ? mode : Mode.AUTO;
		dataDir = (dataDir != null) ? dataDir : Path.of("data");
		configfsRoot = (configfsRoot != null) ? configfsRoot : Path.of("/sys/kernel/config/target");
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
	}

	/** How the gateway reaches its config store and images. */
	public enum Mode {

		/** Ceph when a cluster configuration file exists, else embedded. */
		AUTO,
		/** Local files only. */
		EMBEDDED,
		/** A real Ceph cluster. */
		CEPH

	}

	Map<String, String> settingOverrides() {
		return new LinkedHashMap<>(this.settings);
	}

}
