package io.github.iscsigw.gateway.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.github.iscsigw.gateway.settings.GatewaySettings;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.lio.fs.Configfs;

/**
 * Documents under {@code src/test/resources/reconcile} and a configfs dump in the format
 * of the golden listing.
 */
final class ReconcileFixtures {

	/** The golden scenario's gateway and disk size (300M). */
	static final String GOLDEN_GATEWAY = "gw1.example.test";

	static final long GOLDEN_SIZE = 314572800L;

	static final String EXAMPLE_TARGET = "iqn.2003-01.com.example.iscsi-gw:ceph-igw";

	private ReconcileFixtures() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = ReconcileFixtures.class.getResourceAsStream("/reconcile/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(String name) {
		return new String(bytes(name), StandardCharsets.UTF_8);
	}

	static GatewayConfig config(String name) {
		return ConfigCodec.fromTree(ConfigCodec.readTree(bytes(name)));
	}

	/** What ceph-iscsi 3.5 had in gateway.conf after the golden scenario. */
	static GatewayConfig golden() {
		return config("golden-config-after-create.json");
	}

	/** The full example of gateway-conf.md §3 (lio-layout.md §10). */
	static GatewayConfig example() {
		return config("gateway-conf-example.json");
	}

	static GatewaySettings settings() {
		return GatewaySettings.defaults();
	}

	static GatewaySettings settings(Map<String, String> overrides) {
		return GatewaySettings.load(null, overrides, (key) -> java.util.Optional.empty());
	}

	static DesiredState.Inputs rbd(Map<String, Long> sizes) {
		return new DesiredState.Inputs(settings(), DiskBacking.rbd(), sizes, DesiredState.PasswordReveal.PLAIN);
	}

	/**
	 * Every directory, symlink and readable file under the root, keyed by path, rendered
	 * like {@code configfs-after-create.txt}: {@code D path/}, {@code L path -> target}
	 * (target relative to the root), {@code F path = value} (newlines and NULs escaped),
	 * {@code F path (write-only)}.
	 */
	static Map<String, String> dump(Configfs fs) {
		Map<String, String> out = new TreeMap<>();
		dump(fs, "", out);
		return out;
	}

	private static void dump(Configfs fs, String dir, Map<String, String> out) {
		for (Configfs.Entry e : fs.list(dir)) {
			String path = dir.isEmpty() ? e.name() : dir + "/" + e.name();
			switch (e.kind()) {
				case DIRECTORY -> {
					out.put(path + "/", "D " + path + "/");
					dump(fs, path, out);
				}
				case SYMLINK -> out.put(path, "L " + path + " -> " + fs.readLink(path));
				case FILE -> out.put(path,
						e.readable() ? "F " + path + " = " + fs.read(path).replace("\n", "\\n").replace("\0", "\\0")
								: "F " + path + " (write-only)");
			}
		}
	}

}
