package io.github.iscsigw.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.github.iscsigw.ceph.image.FileImageStore;
import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.object.FileObjectStore;
import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.gateway.IscsiPortalProbe;
import io.github.iscsigw.gateway.settings.GatewayProperties;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses embedded or Ceph mode and a real or simulated configfs, and creates the stores.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRuntimeConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	GatewayIdentity gatewayIdentity(GatewayProperties properties) {
		return GatewayIdentity.of(properties.name());
	}

	@Bean
	GatewayModes gatewayModes(GatewayProperties properties, GatewaySettings settings) {
		GatewayProperties.Mode mode = effectiveMode(properties, settings);
		if (mode == GatewayProperties.Mode.CEPH) {
			throw new SettingsException("Ceph mode (found " + cephConf(settings)
					+ ") is not available in this build yet; start with --gateway.mode=embedded");
		}
		Path data = properties.dataDir().toAbsolutePath().normalize();
		Path configfs = properties.configfsRoot();
		boolean simulated = !(Files.isDirectory(configfs) && Files.isWritable(configfs));
		if (simulated) {
			configfs = data.resolve("configfs");
			createDirectories(configfs);
		}
		return new GatewayModes("embedded file " + data.resolve("config").resolve(settings.gatewayConf()),
				"embedded sparse files under " + data.resolve("images"), configfs, simulated);
	}

	@Bean(destroyMethod = "close")
	VersionedObjectStore versionedObjectStore(GatewayProperties properties, GatewaySettings settings,
			GatewayModes modes) {
		Path directory = properties.dataDir().toAbsolutePath().normalize().resolve("config");
		return new FileObjectStore(directory, Duration.ofSeconds(settings.timeOut()), Duration.ofSeconds(1));
	}

	@Bean(destroyMethod = "close")
	ImageStore imageStore(GatewayProperties properties, GatewaySettings settings) {
		// embedded mode keeps images as sparse files; the pool of the config object
		// exists
		return new FileImageStore(properties.dataDir().toAbsolutePath().normalize().resolve("images"), "rbd",
				settings.pool());
	}

	@Bean
	IscsiPortalProbe iscsiPortalProbe(GatewayModes modes) {
		return new IscsiPortalProbe(Path.of("/proc/net"), modes.configfsSimulated());
	}

	static GatewayProperties.Mode effectiveMode(GatewayProperties properties, GatewaySettings settings) {
		if (properties.mode() != GatewayProperties.Mode.AUTO) {
			return properties.mode();
		}
		return Files.isRegularFile(cephConf(settings)) ? GatewayProperties.Mode.CEPH : GatewayProperties.Mode.EMBEDDED;
	}

	static Path cephConf(GatewaySettings settings) {
		return Path.of(settings.cephConfigDir(), settings.clusterName() + ".conf");
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + directory, ex);
		}
	}

}
