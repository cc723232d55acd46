package io.github.iscsigw.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code packaging/container/Containerfile} against what uses it. No container engine
 * runs here, so the image itself is not built; these checks keep the file consistent with
 * the api-server build and the chart.
 */
class ContainerfileTests {

	@TempDir
	Path temp;

	@Test
	void copiesTheJarApiServerBuildsAndRunsItAsTheEntrypoint() throws IOException {
		String containerfile = Files.readString(Repository.root().resolve("packaging/container/Containerfile"));
		String apiServerPom = Files.readString(Repository.root().resolve("api-server/pom.xml"));
		Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(apiServerPom);
		assertThat(finalName.find()).isTrue();

		Matcher copy = Pattern.compile("(?m)^COPY (\\S+) (\\S+)$").matcher(containerfile);
		assertThat(copy.find()).isTrue();
		assertThat(copy.group(1)).isEqualTo("api-server/target/" + finalName.group(1) + ".jar");
		assertThat(containerfile).contains("ENTRYPOINT [\"/usr/bin/java\", \"-jar\", \"" + copy.group(2) + "\"]");
		// the unit runs the same path on a host
		assertThat(Files.readString(Repository.unit())).contains("-jar " + copy.group(2) + " ");
	}

	@Test
	void theChartPassesOnlyArgumentsAndItsPreflightFindsAShell() throws IOException {
		String containerfile = Files.readString(Repository.root().resolve("packaging/container/Containerfile"));
		assertThat(containerfile).containsPattern("(?m)^FROM debian:");
		Rendered rendered = HelmChart.in(this.temp).template(HelmChart.requiredValues());
		assertThat(rendered.container("gateway")).doesNotContainKey("command");
		assertThat((List<?>) rendered.container("gateway").get("args"))
			.allSatisfy((arg) -> assertThat(String.valueOf(arg)).startsWith("--"));
		assertThat((List<?>) rendered.initContainer("preflight").get("command")).first().isEqualTo("/bin/sh");
	}

}
