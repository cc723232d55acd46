package io.github.iscsigw.gateway.sysinfo;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.error.ApiException;
import io.github.iscsigw.gateway.security.SourceAddress;
import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.settings.SettingsHash;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/sysinfo/<query_type>} (rbd-target-api.md §6.2): basic auth only, no
 * source address check.
 */
@RestController
class SysinfoController {

	private final GatewayIdentity identity;

	private final GatewaySettings settings;

	private final Path osRelease;

	SysinfoController(GatewayIdentity identity, GatewaySettings settings,
			@Value("${gateway.os-release:/etc/os-release}") Path osRelease) {
		this.identity = identity;
		this.settings = settings;
		this.osRelease = osRelease;
	}

	@GetMapping("/api/sysinfo/{query_type}")
	ResponseEntity<Map<String, Object>> sysinfo(@PathVariable("query_type") String queryType) {
		return switch (queryType) {
			case "ip_addresses" -> ResponseEntity.ok(Map.of("data", List.copyOf(ipAddresses())));
			case "hostname" -> ResponseEntity.ok(Map.of("data", this.identity.name()));
			case "checkconf" -> ResponseEntity.ok(Map.of("data", SettingsHash.of(this.settings)));
			case "checkversions" -> checkVersions();
			default -> throw ApiException.notFound("Unknown /sysinfo query");
		};
	}

	private ResponseEntity<Map<String, Object>> checkVersions() {
		Optional<List<String>> problems = OsRelease.problems(this.osRelease);
		if (problems.isPresent()) {
			return ResponseEntity.internalServerError().body(Map.of("data", problems.get()));
		}
		return ResponseEntity.ok(Map.of("data", "checks passed"));
	}

	/**
	 * Every address of every interface except 127.0.0.1, ::1 and scoped IPv6 addresses,
	 * as ceph-iscsi lists them.
	 * @return the addresses
	 */
	static Set<String> ipAddresses() {
		Set<String> result = new LinkedHashSet<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				for (InetAddress address : Collections.list(nic.getInetAddresses())) {
					if (SourceAddress.isScoped(address)) {
						continue;
					}
					String text = SourceAddress.format(address);
					if (!text.equals("127.0.0.1") && !text.equals("::1")) {
						result.add(text);
					}
				}
			}
		}
		catch (SocketException ex) {
			throw new IllegalStateException("cannot list network interfaces: " + ex.getMessage(), ex);
		}
		return result;
	}

}
