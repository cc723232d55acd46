package io.github.iscsigw.gateway.fanout;

import java.time.Duration;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.gateway.IscsiPortalProbe;
import io.github.iscsigw.gateway.settings.GatewaySettings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Peer calls with a bounded deadline ({@code gateway.peer-timeout}, default 10 s).
 */
@Configuration(proxyBeanMethods = false)
class FanoutConfiguration {

	@Bean
	PeerClient peerClient(GatewaySettings settings, @Value("${gateway.peer-timeout:10s}") Duration timeout) {
		return new PeerClient(settings, timeout);
	}

	@Bean
	GatewayReadiness gatewayReadiness(PeerClient peers, GatewayIdentity identity, IscsiPortalProbe probe) {
		return new GatewayReadiness(peers, identity, probe);
	}

}
