package io.github.iscsigw.gateway.sysinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ceph-iscsi's operating-system check of {@code /api/sysinfo/checkversions}
 * (rbd-target-api.md §6.2): the {@code ID} and {@code VERSION_ID} of
 * {@code /etc/os-release} against minimum versions compared as the float
 * {@code major.minor}.
 */
final class OsRelease {

	private static final Map<String, Double> MINIMUM = Map.of("rhel", 7.4, "suse", 15.1, "debian", 10.0, "ubuntu",
			18.04);

	private OsRelease() {
	}

	/**
	 * Runs the check.
	 * @param file the os-release file
	 * @return empty when the checks pass, else the list of problems
	 */
	static Optional<List<String>> problems(Path file) {
		Map<String, String> fields = new HashMap<>();
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				int equals = line.indexOf('=');
				if (equals > 0) {
					String value = line.substring(equals + 1).strip();
					if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
						value = value.substring(1, value.length() - 1);
					}
					fields.put(line.substring(0, equals).strip(), value);
				}
			}
		}
		catch (IOException ex) {
			return Optional.of(List.of("OS is unsupported"));
		}
		String id = fields.getOrDefault("ID", "");
		id = switch (id) {
			case "centos" -> "rhel";
			case "opensuse-leap" -> "suse";
			default -> id;
		};
		Double minimum = MINIMUM.get(id);
		if (minimum == null) {
			return Optional.of(List.of("OS is unsupported"));
		}
		if (majorMinor(fields.getOrDefault("VERSION_ID", "")) < minimum) {
			return Optional.of(List.of("OS version is unsupported"));
		}
		return Optional.empty();
	}

	private static double majorMinor(String version) {
		String[] parts = version.split("\\.");
		try {
			return Double.parseDouble(parts.length > 1 ? parts[0] + "." + parts[1] : parts[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
