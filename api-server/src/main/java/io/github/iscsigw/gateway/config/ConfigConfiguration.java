package io.github.iscsigw.gateway.config;

import java.nio.file.Path;
import java.time.Clock;

import io.github.iscsigw.ceph.object.VersionedObjectStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ChapCipher;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the config document repository to the store of this mode, and the CHAP key pair.
 */
@Configuration(proxyBeanMethods = false)
class ConfigConfiguration {

	@Bean
	ChapCipher chapCipher(GatewaySettings settings) {
		return ChapCipher.inDirectory(Path.of(settings.cephConfigDir()), settings.privKey(), settings.pubKey());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	ConfigRepository configRepository(VersionedObjectStore store, GatewaySettings settings, GatewayIdentity identity,
			ChapCipher chapCipher, Clock clock) {
		return new ConfigRepository(store, settings.gatewayConf(), identity, chapCipher::available, clock);
	}

}
