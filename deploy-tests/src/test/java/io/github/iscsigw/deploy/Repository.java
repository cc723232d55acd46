package io.github.iscsigw.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths of the deployment files in this repository. Tests only read them; whatever they
 * change is a copy in a JUnit temp folder.
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		String configured = System.getProperty("iscsigw.repository");
		Path root = ((configured != null) ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("helm")) || !Files.isDirectory(root.resolve("packaging"))) {
			throw new IllegalStateException("not the repository root (no helm/ and packaging/): " + root);
		}
		return root;
	}

	static Path chart() {
		return root().resolve("helm/iscsi-gateway");
	}

	static Path haValues() {
		return root().resolve("helm/examples/values-ha.yaml");
	}

	static Path unit() {
		return root().resolve("packaging/systemd/iscsi-gateway.service");
	}

	static Path environmentFile() {
		return root().resolve("packaging/systemd/iscsi-gateway.default");
	}

}
