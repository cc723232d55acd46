package io.github.iscsigw.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code packaging/systemd/iscsi-gateway.service}, checked by systemd's own
 * {@code systemd-analyze verify} and {@code systemd-analyze security --offline} (Debian's
 * systemd package; scripts/deps/systemd.sh installs it), and for the directives the
 * deployment relies on.
 *
 * <p>
 * {@code verify} checks that the {@code ExecStart} program exists: the unit names
 * {@code /usr/bin/java} (Debian's java alternative). On a machine whose JDK is elsewhere,
 * the copy that is verified names the running JVM instead; nothing else is changed.
 */
class SystemdUnitTests {

	/** ceph-iscsi 3.9's rbd-target-api.service scores 7.7 with systemd 252. */
	private static final double CEPH_ISCSI_EXPOSURE = 7.7;

	@TempDir
	Path temp;

	@Test
	void systemdAnalyzeVerifyAcceptsTheUnitWithoutAnyRemark() throws Exception {
		Result result = verify(Files.readString(Repository.unit()));
		assertThat(result.output()).as("systemd-analyze verify output").isEmpty();
		assertThat(result.exitCode()).isZero();
	}

	@Test
	void systemdAnalyzeVerifyWouldNoticeAMistake() throws Exception {
		// guards the test above against a verify that accepts anything
		String unit = Files.readString(Repository.unit());
		Result unknownKey = verify(unit.replace("[Service]\n", "[Service]\nProtectSystem2=full\n"));
		assertThat(unknownKey.output()).contains("Unknown key");
		Result missingDependency = verify(
				unit.replace("Requires=sys-kernel-config.mount", "Requires=no-such-thing-here.mount"));
		assertThat(missingDependency.exitCode()).isNotZero();
	}

	@Test
	void unitIsMoreHardenedThanCephIscsis() throws Exception {
		Path copy = copyForVerify(Files.readString(Repository.unit()));
		Result result = run(List.of(systemdAnalyze(), "security", "--offline=yes", copy.toString()), this.temp);
		Matcher exposure = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(result.output());
		assertThat(exposure.find()).as(result.output()).isTrue();
		assertThat(Double.parseDouble(exposure.group(1))).isLessThan(CEPH_ISCSI_EXPOSURE);
	}

	@Test
	void unitHasTheDirectivesTheDeploymentReliesOn() throws IOException {
		Map<String, List<String>> unit = directives(Files.readString(Repository.unit()));
		assertThat(unit.get("Unit.Requires")).containsExactly("sys-kernel-config.mount");
		assertThat(unit.get("Unit.After")).singleElement()
			.satisfies((after) -> assertThat(after.split(" ")).contains("sys-kernel-config.mount",
					"tcmu-runner.service", "network-online.target"));
		assertThat(unit.get("Unit.Wants")).singleElement()
			.satisfies((wants) -> assertThat(wants.split(" ")).contains("tcmu-runner.service"));
		assertThat(unit.get("Unit.Conflicts")).containsExactly("rbd-target-api.service");
		assertThat(unit.get("Service.ProtectSystem")).containsExactly("full");
		assertThat(unit.get("Service.PrivateTmp")).containsExactly("true");
		assertThat(unit.get("Service.LimitNOFILE")).containsExactly("1048576");
		assertThat(unit.get("Service.Restart")).containsExactly("on-failure");
		assertThat(unit.get("Service.ExecReload")).containsExactly("/bin/kill -HUP $MAINPID");
		assertThat(unit.get("Service.TimeoutStopSec")).containsExactly("600");
		assertThat(unit.get("Service.SuccessExitStatus")).containsExactly("143");
		assertThat(unit.get("Service.EnvironmentFile")).containsExactly("-/etc/default/iscsi-gateway");
		assertThat(unit.get("Service.ExecStart")).singleElement()
			.satisfies((exec) -> assertThat(exec).startsWith("/usr/bin/java ")
				.contains("-jar /usr/share/iscsi-gateway/iscsi-gateway.jar")
				.contains("--config=${GATEWAY_CONFIG}"));
		// nothing may make /sys (configfs) read-only
		assertThat(unit).doesNotContainKeys("Service.ProtectKernelTunables", "Service.ReadOnlyPaths",
				"Service.InaccessiblePaths", "Service.TemporaryFileSystem");
		assertThat(unit.get("Service.ProtectSystem")).doesNotContain("strict");
		// the JIT needs writable executable memory
		assertThat(unit).doesNotContainKey("Service.MemoryDenyWriteExecute");
		assertThat(unit.get("Install.WantedBy")).containsExactly("multi-user.target");
	}

	@Test
	void environmentFileOnlySetsWhatTheUnitReads() throws IOException {
		Map<String, List<String>> unit = directives(Files.readString(Repository.unit()));
		String execStart = unit.get("Service.ExecStart").get(0);
		for (String line : Files.readAllLines(Repository.environmentFile())) {
			Matcher assignment = Pattern.compile("^#?([A-Z_]+)=").matcher(line);
			if (assignment.find()) {
				String name = assignment.group(1);
				assertThat(execStart.contains("$" + name + " ") || execStart.endsWith("$" + name)
						|| execStart.contains("${" + name + "}"))
					.as("%s is used by ExecStart", name)
					.isTrue();
			}
		}
	}

	private Result verify(String unit) throws Exception {
		Path copy = copyForVerify(unit);
		return run(List.of(systemdAnalyze(), "verify", "--man=no", copy.toString()), this.temp);
	}

	private Path copyForVerify(String unit) throws IOException {
		String text = unit;
		if (!Files.isExecutable(Path.of("/usr/bin/java"))) {
			String java = ProcessHandle.current().info().command().orElseThrow();
			text = text.replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " ");
		}
		Path directory = Files.createTempDirectory(this.temp, "unit-");
		Path copy = directory.resolve("iscsi-gateway.service");
		Files.writeString(copy, text);
		return copy;
	}

	private static String systemdAnalyze() {
		for (String candidate : List.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		// not an assumption: the README's test command installs it
		// (scripts/deps/systemd.sh)
		throw new AssertionError("systemd-analyze is missing: run scripts/deps/systemd.sh (apt-get install systemd)");
	}

	private static Result run(List<String> command, Path directory) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("timed out: " + command);
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
	}

	/** Directives as {@code Section.Key} → values in order (a key may repeat). */
	private static Map<String, List<String>> directives(String unit) {
		Map<String, List<String>> directives = new LinkedHashMap<>();
		String section = "";
		for (String raw : unit.split("\n")) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
				continue;
			}
			if (line.startsWith("[")) {
				section = line.substring(1, line.length() - 1);
				continue;
			}
			int equals = line.indexOf('=');
			directives.computeIfAbsent(section + "." + line.substring(0, equals), (key) -> new ArrayList<>())
				.add(line.substring(equals + 1));
		}
		return directives;
	}

	private record Result(int exitCode, String output) {
	}

}
