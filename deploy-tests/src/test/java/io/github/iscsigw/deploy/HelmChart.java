package io.github.iscsigw.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart in {@code helm/iscsi-gateway}, driven through helm-java (Helm's own Go code
 * as a native library): {@code helm template} and {@code helm lint}. Values are passed as
 * YAML files written into the test's temp folder, so they keep their types exactly.
 *
 * @param chart the chart folder
 * @param workDir the test's temp folder
 */
record HelmChart(Path chart, Path workDir) {

	static final String RELEASE = "gw";

	static final String NAMESPACE = "ceph-iscsi";

	/** A password no template may print outside a Secret's data. */
	static final String PASSWORD = "Pa55-not-in-any-manifest";

	/** A keyring secret no template may print outside a Secret's data. */
	static final String KEYRING_KEY = "AQBkZXBsb3ktdGVzdHMtbm90LWEtcmVhbC1rZXk=";

	/** The fewest values an installation needs: the API password and the Ceph Secret. */
	static Map<String, Object> requiredValues() {
		return Map.of("api", Map.of("credentials", Map.of("password", PASSWORD)), "ceph",
				Map.of("existingSecret", "ceph-client"));
	}

	static HelmChart in(Path workDir) {
		return new HelmChart(Repository.chart(), workDir);
	}

	/**
	 * {@code helm template gw <chart> -n ceph-iscsi -f <file>...}.
	 * @param valueFiles values files, in order
	 * @param overlays further values, each written to a file after {@code valueFiles}
	 * @return the parsed objects
	 * @throws IllegalStateException with Helm's message when rendering fails
	 */
	@SafeVarargs
	final Rendered template(List<Path> valueFiles, Map<String, Object>... overlays) {
		TemplateCommand command = new Helm(this.chart).template().withName(RELEASE).withNamespace(NAMESPACE);
		for (Path file : valueFiles) {
			command = command.withValuesFile(file);
		}
		for (Map<String, Object> overlay : overlays) {
			command = command.withValuesFile(write(overlay));
		}
		return Rendered.parse(command.call());
	}

	@SafeVarargs
	final Rendered template(Map<String, Object>... overlays) {
		return template(List.of(), overlays);
	}

	/**
	 * {@code helm lint --strict} of a copy of the chart whose values.yaml has the given
	 * values merged in ({@code helm lint} has no {@code -f} in helm-java, and the chart
	 * does not render without a password by design).
	 * @param overlay values merged over the chart's values.yaml
	 * @return the lint result
	 */
	LintResult lint(Map<String, Object> overlay) {
		Path copy = this.workDir.resolve("lint").resolve(this.chart.getFileName());
		copyTree(this.chart, copy);
		Map<String, Object> values = read(copy.resolve("values.yaml"));
		writeYaml(copy.resolve("values.yaml"), Yamls.merge(values, overlay));
		return new Helm(copy).lint().strict().call();
	}

	static Map<String, Object> read(Path file) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path write(Map<String, Object> values) {
		try {
			Path file = Files.createTempFile(this.workDir, "values-", ".yaml");
			writeYaml(file, values);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeYaml(Path file, Map<String, Object> values) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		try {
			Files.writeString(file, new Yaml(options).dump(values));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path source, Path target) {
		try (Stream<Path> walk = Files.walk(source)) {
			List<Path> paths = new ArrayList<>(walk.toList());
			for (Path path : paths) {
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.copy(path, destination);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
