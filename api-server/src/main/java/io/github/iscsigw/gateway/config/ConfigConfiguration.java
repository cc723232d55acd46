package io.github.iscsigw.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.settings.GatewaySettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the config document repository to the store of this mode.
 */
@Configuration(proxyBeanMethods = false)
class ConfigConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	ConfigRepository configRepository(VersionedObjectStore store, GatewaySettings settings, GatewayIdentity identity,
			Clock clock) {
		Path dir = Path.of(settings.cephConfigDir());
		return new ConfigRepository(store, settings.gatewayConf(), identity,
				() -> Files.isRegularFile(dir.resolve(settings.privKey()))
						&& Files.isRegularFile(dir.resolve(settings.pubKey())),
				clock);
	}

	@Bean
	ChapSecrets chapSecrets() {
		return (stored) -> java.util.Optional.empty();
	}

}
