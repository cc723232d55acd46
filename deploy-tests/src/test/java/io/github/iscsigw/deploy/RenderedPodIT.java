package io.github.iscsigw.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the real gateway jar the way the rendered DaemonSet starts it: the same
 * arguments and environment (with {@code $(NODE_NAME)} expanded as the kubelet does), the
 * ConfigMap and the Secret items laid out as the volumes would lay them out. Every
 * absolute path of the pod is moved under the test's temp folder (configfs included, so
 * the host's LIO is never touched), the API listens on loopback only, and the mode is
 * embedded (no Ceph here).
 *
 * <p>
 * It proves the contract between chart and server: the credentials reach the server from
 * the Secret files (Spring config tree), {@code GATEWAY_NAME} becomes the gateway's name,
 * the probe groups are on, and the port the kubelet probes is the API's.
 */
class RenderedPodIT {

	private static final String NODE = "gw1";

	@TempDir
	Path temp;

	private Process process;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	@Test
	void theRenderedPodStartsAGatewayWithTheSecretsCredentialsAndTheNodesName() throws Exception {
		int port = freePort();
		Rendered rendered = HelmChart.in(this.temp)
			.template(Map.of("api", Map.of("credentials", Map.of("username", "ops", "password", HelmChart.PASSWORD)),
					"gateway",
					Map.of("mode", "embedded", "name", Map.of("source", "nodeName", "domain", "example.net")),
					"settings", Map.of("config",
							Map.of("api_host", "127.0.0.1", "api_port", port, "prometheus_host", "127.0.0.1"))));
		Map<String, String> env = start(rendered, port);
		assertThat(env).containsEntry("GATEWAY_NAME", NODE + ".example.net");

		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		assertThat(get(http, port, "/api/sysinfo/hostname", "ops", HelmChart.PASSWORD).body())
			.isEqualTo("{\"data\":\"" + NODE + ".example.net\"}");
		assertThat(get(http, port, "/api/config", "admin", "admin").statusCode()).isEqualTo(401);
		HttpResponse<String> liveness = get(http, port, "/actuator/health/liveness", "ops", HelmChart.PASSWORD);
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"UP\"");
		assertThat(get(http, port, "/actuator/health/readiness", "ops", HelmChart.PASSWORD).statusCode())
			.isEqualTo(200);
	}

	@Test
	void theGatewayAcceptsTheSettingsFileOfTheHaExample() throws Exception {
		// the HA example as it is, but embedded, on loopback, without TLS and with a
		// password instead of Secrets this test cannot create
		int port = freePort();
		Rendered rendered = HelmChart.in(this.temp)
			.template(List.of(Repository.haValues()),
					Map.of("api", Map.of("credentials", Map.of("existingSecret", "", "password", HelmChart.PASSWORD)),
							"tls", Map.of("existingSecret", ""), "chapKeys", Map.of("existingSecret", ""), "gateway",
							Map.of("mode", "embedded"), "settings", Map.of("config", Map.of("api_secure", false,
									"api_host", "127.0.0.1", "api_port", port, "prometheus_host", "127.0.0.1"))));
		assertThat(Ini.parse(rendered.settingsFile())).containsKeys("config", "target", "device_status");
		start(rendered, port);

		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> settings = get(http, port, "/api/settings", "admin", HelmChart.PASSWORD);
		assertThat(settings.statusCode()).isEqualTo(200);
		assertThat(settings.body()).contains("\"config\":{\"minimum_gateways\":2}");
		assertThat(get(http, port, "/api/sysinfo/hostname", "admin", HelmChart.PASSWORD).body())
			.isEqualTo("{\"data\":\"" + NODE + ".storage.example.com\"}");
	}

	/**
	 * Lays out the pod's volumes, starts the gateway with the container's arguments and
	 * environment, and waits as the kubelet's start-up probe does.
	 */
	private Map<String, String> start(Rendered rendered, int port) throws Exception {
		Map<String, Path> moved = new LinkedHashMap<>();
		moved.put("/etc/ceph", this.temp.resolve("pod/etc/ceph"));
		moved.put("/etc/iscsi-gateway", this.temp.resolve("pod/etc/iscsi-gateway"));
		moved.put("/var/lib/iscsi-gateway", this.temp.resolve("pod/var/lib/iscsi-gateway"));
		moved.put("/sys/kernel/config", this.temp.resolve("pod/sys/kernel/config"));
		layOutVolumes(rendered, moved);

		Map<String, Object> gateway = rendered.container("gateway");
		Map<String, String> env = environment(gateway);
		List<String> command = new ArrayList<>(List.of(java(), "-jar", gatewayJar().toString()));
		for (Object arg : (List<?>) gateway.get("args")) {
			command.add(move(String.valueOf(arg), moved));
		}
		assertThat(command)
			.noneMatch((arg) -> arg.contains("/sys/kernel/config") && !arg.contains(this.temp.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.temp.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("gateway.log").toFile());
		builder.environment().putAll(env);
		this.process = builder.start();

		// what the kubelet's start-up probe does: connect to the named port "api"
		assertThat(containerPort(gateway, "api")).isEqualTo(port);
		awaitPort(port, Duration.ofSeconds(180));
		return env;
	}

	/** What the kubelet writes: the ConfigMap key and the Secret items at their paths. */
	private void layOutVolumes(Rendered rendered, Map<String, Path> moved) throws IOException {
		Map<String, Object> gateway = rendered.container("gateway");
		Path etcCeph = Path.of(move(mountPath(gateway, "etc-ceph"), moved));
		Files.createDirectories(etcCeph);
		Files.writeString(etcCeph.resolve("iscsi-gateway.cfg"), rendered.settingsFile());

		Map<String, Object> volume = rendered.volume("api-credentials");
		Map<String, Object> secret = rendered.find("Secret", (String) Yamls.get(volume, "secret.secretName"))
			.orElseThrow();
		Path credentials = Path.of(move(mountPath(gateway, "api-credentials"), moved));
		Files.createDirectories(credentials);
		for (Map<String, Object> item : Yamls.list(volume, "secret.items")) {
			String data = (String) Yamls.map(secret, "data").get(item.get("key"));
			Files.write(credentials.resolve((String) item.get("path")), Base64.getDecoder().decode(data));
		}
		Files.createDirectories(moved.get("/var/lib/iscsi-gateway"));
		Files.createDirectories(moved.get("/sys/kernel/config"));
	}

	private static String mountPath(Map<String, Object> container, String volume) {
		return Yamls.list(container, "volumeMounts")
			.stream()
			.filter((mount) -> volume.equals(mount.get("name")))
			.map((mount) -> (String) mount.get("mountPath"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mount of " + volume));
	}

	private static Map<String, String> environment(Map<String, Object> container) {
		Map<String, String> env = new LinkedHashMap<>();
		for (Map<String, Object> variable : Yamls.list(container, "env")) {
			String name = (String) variable.get("name");
			if ("spec.nodeName".equals(Yamls.get(variable, "valueFrom.fieldRef.fieldPath"))) {
				env.put(name, NODE);
			}
			else {
				String value = (String) variable.get("value");
				// the kubelet expands $(VAR) from variables defined earlier
				for (Map.Entry<String, String> earlier : env.entrySet()) {
					value = value.replace("$(" + earlier.getKey() + ")", earlier.getValue());
				}
				env.put(name, value);
			}
		}
		return env;
	}

	private static String move(String text, Map<String, Path> moved) {
		for (Map.Entry<String, Path> entry : moved.entrySet()) {
			int at = text.indexOf(entry.getKey());
			if (at >= 0) {
				return text.substring(0, at) + entry.getValue() + text.substring(at + entry.getKey().length());
			}
		}
		return text;
	}

	private static int containerPort(Map<String, Object> container, String name) {
		return Yamls.list(container, "ports")
			.stream()
			.filter((port) -> name.equals(port.get("name")))
			.map((port) -> (Integer) port.get("containerPort"))
			.findFirst()
			.orElseThrow();
	}

	private void awaitPort(int port, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("gateway exited with " + this.process.exitValue() + ":\n" + log());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(500);
			}
		}
		throw new AssertionError("gateway did not listen on " + port + " within " + timeout + ":\n" + log());
	}

	private String log() throws IOException {
		return Files.readString(this.temp.resolve("gateway.log"));
	}

	private static HttpResponse<String> get(HttpClient http, int port, String path, String user, String password)
			throws Exception {
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + basic)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static Path gatewayJar() {
		Path jar = Repository.root().resolve("api-server/target/iscsi-gateway.jar");
		if (!Files.isRegularFile(jar)) {
			throw new AssertionError("no " + jar + ": build api-server first (mvn -pl api-server -am install, "
					+ "or mvn verify from the root, which builds it before deploy-tests)");
		}
		return jar;
	}

}
