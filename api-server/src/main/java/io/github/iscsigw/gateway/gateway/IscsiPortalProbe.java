package io.github.iscsigw.gateway.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether the kernel's iSCSI target listens on port 3260, the test behind
 * {@code GET /api/_ping}'s 200/503 (rbd-target-api.md §6.44): a socket in state LISTEN on
 * local port 3260 in {@code /proc/net/tcp} or {@code /proc/net/tcp6}.
 */
public class IscsiPortalProbe {

	private static final String LISTEN = "0A";

	private static final String PORT_3260 = String.format(Locale.ROOT, "%04X", 3260);

	private final List<Path> tables;

	private final boolean simulated;

	/**
	 * Creates the probe.
	 * @param procNet the directory holding {@code tcp} and {@code tcp6} (normally
	 * {@code /proc/net})
	 * @param simulated true when LIO is simulated: no kernel serves iSCSI, so the portal
	 * is reported up to let the control plane be exercised
	 */
	public IscsiPortalProbe(Path procNet, boolean simulated) {
		this.tables = List.of(procNet.resolve("tcp"), procNet.resolve("tcp6"));
		this.simulated = simulated;
	}

	/**
	 * Checks for a listener.
	 * @return true if something listens on port 3260 (always true when simulated)
	 */
	public boolean isListening() {
		if (this.simulated) {
			return true;
		}
		for (Path table : this.tables) {
			try {
				for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
					String[] fields = line.strip().split("\\s+");
					// sl local_address rem_address st ...; local_address is HEXIP:HEXPORT
					if (fields.length > 3 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + PORT_3260)) {
						return true;
					}
				}
			}
			catch (IOException ex) {
				// a missing table (no IPv6) simply has no listener
			}
		}
		return false;
	}

}
