package io.github.iscsigw.gateway;

import java.nio.file.Path;
import java.time.Clock;

import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.gateway.IscsiPortalProbe;
import io.github.iscsigw.gateway.settings.GatewayProperties;
import io.github.iscsigw.gateway.settings.GatewaySettings;

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

	@Bean(destroyMethod = "close")
	GatewayBackends gatewayBackends(GatewayProperties properties, GatewaySettings settings) {
		return GatewayBackends.open(properties, settings);
	}

	@Bean
	GatewayModes gatewayModes(GatewayBackends backends) {
		return backends.modes();
	}

	// closed by GatewayBackends
	@Bean(destroyMethod = "")
	VersionedObjectStore versionedObjectStore(GatewayBackends backends) {
		return backends.objectStore();
	}

	@Bean(destroyMethod = "")
	ImageStore imageStore(GatewayBackends backends) {
		return backends.images();
	}

	@Bean
	IscsiPortalProbe iscsiPortalProbe(GatewayModes modes) {
		return new IscsiPortalProbe(Path.of("/proc/net"), modes.configfsSimulated());
	}

}
