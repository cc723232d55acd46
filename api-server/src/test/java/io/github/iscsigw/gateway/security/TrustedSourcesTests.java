package io.github.iscsigw.gateway.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedSourcesTests {

	private final List<String> configHosts = new ArrayList<>();

	private TrustedSources sources(String... trusted) {
		return new TrustedSources(() -> List.of(trusted), () -> this.configHosts, Clock.systemUTC());
	}

	@Test
	void localhostIsAlwaysTrusted() {
		TrustedSources sources = sources();
		assertThat(sources.isTrusted("127.0.0.1")).isTrue();
		assertThat(sources.isTrusted("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(sources.isTrusted("::ffff:127.0.0.1")).isTrue();
		assertThat(sources.isTrusted("127.0.0.2")).isFalse();
	}

	@Test
	void trustedIpListIsNormalised() {
		TrustedSources sources = sources("192.168.0.10", "2001:DB8::10");
		assertThat(sources.isTrusted("::ffff:192.168.0.10")).isTrue();
		assertThat(sources.isTrusted("2001:db8:0:0:0:0:0:10")).isTrue();
		assertThat(sources.isTrusted("2001:db8::10%eth0")).isTrue();
		assertThat(sources.isTrusted("192.168.0.11")).isFalse();
	}

	@Test
	void gatewaysAndPortalIpsOfTheConfigAreTrustedAsTheyChange() {
		TrustedSources sources = sources();
		assertThat(sources.isTrusted("10.1.2.3")).isFalse();
		this.configHosts.add("10.1.2.3");
		assertThat(sources.isTrusted("10.1.2.3")).isTrue();
		this.configHosts.add("localhost");
		assertThat(sources.isTrusted("127.0.0.1")).isTrue();
	}

	@Test
	void garbageIsNotTrusted() {
		assertThat(sources().isTrusted("not-an-ip")).isFalse();
		assertThat(sources().isTrusted(null)).isFalse();
	}

	@Test
	void displayShowsTheNormalisedAddress() {
		assertThat(TrustedSources.display("::ffff:127.0.0.2")).isEqualTo("127.0.0.2");
		assertThat(TrustedSources.display("0:0:0:0:0:0:0:2")).isEqualTo("::2");
	}

	@Test
	void aReloadedTrustedIpListTakesEffect() {
		List<String> list = new ArrayList<>(List.of("10.9.9.9"));
		TrustedSources sources = new TrustedSources(() -> List.copyOf(list), () -> this.configHosts, Clock.systemUTC());
		assertThat(sources.isTrusted("10.9.9.9")).isTrue();
		assertThat(sources.isTrusted("10.9.9.10")).isFalse();
		list.set(0, "10.9.9.10");
		assertThat(sources.isTrusted("10.9.9.10")).isTrue();
		assertThat(sources.isTrusted("10.9.9.9")).isFalse();
	}

}
