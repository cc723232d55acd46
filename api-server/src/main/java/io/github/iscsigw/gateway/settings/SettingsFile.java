package io.github.iscsigw.gateway.settings;

import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the settings come from (the file and the overrides given at start-up), so they
 * can be read again on SIGHUP.
 *
 * @param path the settings file
 * @param overrides {@code gateway.settings.*} overrides
 */
public record SettingsFile(Path path, Map<String, String> overrides) {

	private static final Logger log = LoggerFactory.getLogger(SettingsFile.class);

	public SettingsFile {
		overrides = Map.copyOf(overrides);
	}

	/**
	 * Reads the file.
	 * @return the settings
	 * @throws SettingsException on an invalid file
	 */
	public GatewaySettings read() {
		return GatewaySettings.load(this.path, this.overrides, (key) -> {
			throw new SettingsException("setting value config://" + key
					+ " needs the Ceph monitor config-key store, which is not available in this mode");
		});
	}

	/**
	 * Reads the file again and takes over what may change at run time; an invalid file
	 * changes nothing (the error is logged).
	 * @param running the settings in use
	 * @return what was applied and what needs a restart, or {@code null} if the file is
	 * invalid
	 */
	public GatewaySettings.Reload reloadInto(GatewaySettings running) {
		GatewaySettings fresh;
		try {
			fresh = read();
		}
		catch (SettingsException ex) {
			log.error("settings not reloaded, the running ones stay in force: {}", ex.getMessage());
			return null;
		}
		GatewaySettings.Reload reload = running.reload(fresh);
		if (!reload.applied().isEmpty()) {
			log.info("settings reloaded from {}: {}", this.path, reload.applied());
		}
		if (!reload.needRestart().isEmpty()) {
			log.warn("settings changed in {} that take effect only after a restart: {}", this.path,
					reload.needRestart());
		}
		return reload;
	}

}
