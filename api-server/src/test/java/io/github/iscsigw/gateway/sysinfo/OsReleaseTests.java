package io.github.iscsigw.gateway.sysinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OsReleaseTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "PASS",
			value = { "debian|\"12\"|PASS", "debian|9|OS version is unsupported", "ubuntu|\"18.04\"|PASS",
					"ubuntu|16.04|OS version is unsupported", "centos|\"7.4.1708\"|PASS",
					"rhel|7.3|OS version is unsupported", "opensuse-leap|\"15.1\"|PASS", "sles|15.1|OS is unsupported",
					"fedora|39|OS is unsupported" })
	void checks(String id, String version, String problem) throws IOException {
		Path file = this.dir.resolve("os-release");
		Files.writeString(file, "NAME=\"Some OS\"\nID=" + id + "\nVERSION_ID=" + version + "\n");
		if (problem == null) {
			assertThat(OsRelease.problems(file)).isEmpty();
		}
		else {
			assertThat(OsRelease.problems(file)).contains(List.of(problem));
		}
	}

}
