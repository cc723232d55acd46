package io.github.iscsigw.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Builds the data folder of a test gateway: a settings file and, optionally, a config
 * document already in the embedded store.
 */
public final class TestGateway {

	private final Path root;

	private TestGateway(Path root) {
		this.root = root;
	}

	public static TestGateway in(Path root) {
		return new TestGateway(root);
	}

	public Path root() {
		return this.root;
	}

	public Path settingsFile() {
		return this.root.resolve("iscsi-gateway.cfg");
	}

	public Path dataDir() {
		return this.root.resolve("data");
	}

	public Path configObject() {
		return dataDir().resolve("config").resolve("gateway.conf");
	}

	public TestGateway settings(String text) {
		write(settingsFile(), text.getBytes(StandardCharsets.UTF_8));
		return this;
	}

	/**
	 * Puts a document into the embedded store as if a previous run had committed it.
	 * @param resource a classpath resource
	 * @param epoch the stored epoch
	 * @return this
	 */
	public TestGateway document(String resource, long epoch) {
		return document(resource(resource), epoch);
	}

	/**
	 * Puts a document into the embedded store as if a previous run had committed it.
	 * @param content the document bytes
	 * @param epoch the stored epoch
	 * @return this
	 */
	public TestGateway document(byte[] content, long epoch) {
		write(configObject(), content);
		write(configObject().resolveSibling("gateway.conf.epoch"),
				Long.toString(epoch).getBytes(StandardCharsets.US_ASCII));
		return this;
	}

	/**
	 * Reads a classpath resource.
	 * @param resource its absolute name
	 * @return its bytes
	 */
	public static byte[] resource(String resource) {
		try (InputStream in = TestGateway.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, byte[] bytes) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A temporary folder deleted when the test JVM ends (Spring caches a test's context,
	 * and the gateway in it keeps using its folder, until then).
	 * @param prefix the folder name's prefix
	 * @return the folder
	 */
	public static Path tempDirectory(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory)));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A loopback port that is free right now.
	 * @return the port
	 */
	public static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Registers the properties that start an embedded test gateway on this folder:
	 * settings file, data folder, a simulated configfs, the gateway's name and a loopback
	 * address.
	 * @param registry the test's dynamic properties
	 * @param name the gateway's name
	 */
	public void register(DynamicPropertyRegistry registry, String name) {
		registry.add("config", () -> settingsFile().toString());
		registry.add("gateway.data-dir", () -> dataDir().toString());
		registry.add("gateway.configfs-root", () -> this.root.resolve("no-configfs").toString());
		registry.add("gateway.mode", () -> "embedded");
		registry.add("gateway.name", () -> name);
		registry.add("server.address", () -> "127.0.0.1");
	}

	public static void deleteRecursively(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
