package io.github.iscsigw.ceph.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.github.iscsigw.ceph.CephSettings;

/**
 * JUnit extension giving tests a real single-node Ceph cluster: started once per test run
 * (JVM) with {@code scripts/micro-ceph.sh} in a temporary folder on free loopback ports,
 * and stopped when the run ends (and, should the JVM be killed, by the script's
 * watchdog). Test classes declare {@code @ExtendWith(MicroCeph.class)} and take a
 * {@link MicroCeph.Cluster} parameter in {@code @BeforeAll} or a test method.
 * <p>
 * Without the Ceph packages the tests are skipped with a message saying how to install
 * them, unless the environment variable {@code REQUIRE_CEPH=1} is set (the README's test
 * command sets it), in which case they fail.
 */
public final class MicroCeph implements BeforeAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MicroCeph.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		cluster(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Cluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return cluster(context);
	}

	private static Cluster cluster(ExtensionContext context) {
		Started started = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Started.class, (key) -> Started.start(), Started.class);
		if (started.skipReason != null) {
			if ("1".equals(System.getenv("REQUIRE_CEPH"))) {
				throw new IllegalStateException("REQUIRE_CEPH=1 but " + started.skipReason);
			}
			Assumptions.abort(started.skipReason);
		}
		if (started.failure != null) {
			throw new IllegalStateException("micro-ceph did not start: " + started.failure.getMessage(),
					started.failure);
		}
		return started.cluster;
	}

	/**
	 * A running micro-ceph cluster.
	 *
	 * @param dir its folder
	 * @param script the micro-ceph.sh that runs it
	 */
	public record Cluster(Path dir, Path script) {

		/**
		 * Its client configuration ({@code ceph.conf} with the admin keyring).
		 * @return the path
		 */
		public Path confFile() {
			return this.dir.resolve("ceph.conf");
		}

		/**
		 * Connection settings for it: cluster {@code ceph}, {@code client.admin}, pool
		 * {@code rbd}, short timeouts.
		 * @return the settings
		 */
		public CephSettings settings() {
			return CephSettings.forConfFile(confFile()).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
		}

		/**
		 * Runs a Ceph command-line tool ({@code rados}, {@code rbd}, {@code ceph})
		 * against this cluster, bounded to 60 s.
		 * @param command the command and its arguments
		 * @return exit code, stdout and stderr
		 */
		public Result run(String... command) {
			return MicroCeph.run(Map.of("CEPH_CONF", confFile().toString()), Duration.ofSeconds(60), command);
		}

	}

	/**
	 * The outcome of a command.
	 *
	 * @param exitCode its exit code
	 * @param stdout its standard output
	 * @param stderr its standard error
	 */
	public record Result(int exitCode, byte[] stdout, String stderr) {

		public String out() {
			return new String(this.stdout, StandardCharsets.UTF_8);
		}

		public Result orFail() {
			if (this.exitCode != 0) {
				throw new IllegalStateException("exit code " + this.exitCode + ": " + this.stderr);
			}
			return this;
		}

	}

	static Result run(Map<String, String> env, Duration timeout, String... command) {
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(env);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			Drain out = new Drain(process.getInputStream());
			Drain err = new Drain(process.getErrorStream());
			out.start();
			err.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
			}
			out.join(10_000);
			err.join(10_000);
			return new Result(process.exitValue(), out.bytes(), new String(err.bytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static final class Drain extends Thread {

		private final InputStream in;

		private volatile byte[] bytes = new byte[0];

		Drain(InputStream in) {
			this.in = in;
			setDaemon(true);
		}

		@Override
		public void run() {
			try {
				this.bytes = this.in.readAllBytes();
			}
			catch (IOException ex) {
				// the process went away
			}
		}

		byte[] bytes() {
			return this.bytes;
		}

	}

	/** The once-per-run outcome: a cluster, a reason to skip, or a start failure. */
	private static final class Started implements AutoCloseable {

		final Cluster cluster;

		final String skipReason;

		final RuntimeException failure;

		private Started(Cluster cluster, String skipReason, RuntimeException failure) {
			this.cluster = cluster;
			this.skipReason = skipReason;
			this.failure = failure;
		}

		static Started start() {
			Path script = findScript();
			if (script == null) {
				return new Started(null, "scripts/micro-ceph.sh not found (looked above "
						+ System.getProperty("user.dir") + " and at -Dmicro-ceph.script)", null);
			}
			List<String> missing = new ArrayList<>();
			for (String tool : List.of("ceph-mon", "ceph-osd", "ceph", "rados", "rbd")) {
				if (!onPath(tool)) {
					missing.add(tool);
				}
			}
			if (!missing.isEmpty()) {
				return new Started(null, "the Ceph packages are not installed (missing " + String.join(", ", missing)
						+ "); run scripts/deps/ceph.sh", null);
			}
			Path dir;
			try {
				dir = Files.createTempDirectory("micro-ceph-");
			}
			catch (IOException ex) {
				return new Started(null, null, new IllegalStateException(ex));
			}
			Cluster cluster = new Cluster(dir, script);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(cluster), "micro-ceph-stop"));
			Result result = run(Map.of("MICRO_CEPH_PORT_V2", Integer.toString(freePort()), "MICRO_CEPH_PORT_V1",
					Integer.toString(freePort()), "MICRO_CEPH_OWNER_PID", Long.toString(ProcessHandle.current().pid())),
					Duration.ofSeconds(180), "bash", script.toString(), "start", dir.toString());
			if (result.exitCode() != 0) {
				stop(cluster);
				return new Started(null, null, new IllegalStateException(
						"scripts/micro-ceph.sh start failed (" + result.exitCode() + "): " + result.stderr()));
			}
			return new Started(cluster, null, null);
		}

		@Override
		public void close() {
			if (this.cluster != null) {
				stop(this.cluster);
			}
		}

		private static synchronized void stop(Cluster cluster) {
			if (!Files.exists(cluster.dir())) {
				return;
			}
			run(Map.of(), Duration.ofSeconds(60), "bash", cluster.script().toString(), "stop",
					cluster.dir().toString());
			try (Stream<Path> walk = Files.walk(cluster.dir())) {
				for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException ex) {
				// a daemon still writing its log: the temp folder is left behind
			}
		}

		private static Path findScript() {
			String configured = System.getProperty("micro-ceph.script");
			if (configured != null) {
				return Files.isRegularFile(Path.of(configured)) ? Path.of(configured) : null;
			}
			Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
			for (int i = 0; i < 4 && dir != null; i++) {
				Path candidate = dir.resolve("scripts/micro-ceph.sh");
				if (Files.isRegularFile(candidate)) {
					return candidate;
				}
				dir = dir.getParent();
			}
			return null;
		}

		private static boolean onPath(String tool) {
			String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
			for (String entry : path.split(":")) {
				if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
					return true;
				}
			}
			// daemons live in /usr/sbin on some distributions, which is not on every PATH
			return Files.isExecutable(Path.of("/usr/sbin", tool));
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
