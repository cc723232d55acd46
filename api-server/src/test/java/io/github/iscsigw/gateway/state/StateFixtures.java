package io.github.iscsigw.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Test documents under {@code src/test/resources/state}.
 */
final class StateFixtures {

	/** 2024/06/01 12:00:00 UTC. */
	static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T12:00:00Z"), ZoneOffset.UTC);

	static final String NOW = "2024/06/01 12:00:00";

	private StateFixtures() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = StateFixtures.class.getResourceAsStream("/state/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The full example of gateway-conf.md §3, exactly as printed there. */
	static byte[] fullExample() {
		return bytes("full-example-v11.json");
	}

	/** ceph-iscsi 3.5's {@code GET /api/config} after the golden scenario. */
	static byte[] golden() {
		return bytes("golden-config-after-create.json");
	}

	static Migrations.Context gw1() {
		return new Migrations.Context("gw1", "gw1.example.com", false, CLOCK);
	}

}
