package io.github.iscsigw.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Helm chart {@code helm/iscsi-gateway}, rendered by Helm itself (helm-java) and
 * checked on the parsed objects.
 */
class HelmChartTests {

	@TempDir
	Path temp;

	private HelmChart chart() {
		return HelmChart.in(this.temp);
	}

	private Rendered defaults() {
		return chart().template(HelmChart.requiredValues());
	}

	private Rendered ha() {
		return chart().template(List.of(Repository.haValues()));
	}

	// --- lint
	// ---------------------------------------------------------------------------

	@Test
	void lintIsCleanInStrictModeWithTheRequiredValues() {
		assertLintClean(chart().lint(HelmChart.requiredValues()));
	}

	@Test
	void lintIsCleanInStrictModeWithTheHaExample() {
		assertLintClean(chart().lint(HelmChart.read(Repository.haValues())));
	}

	private static void assertLintClean(LintResult result) {
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[ERROR]"))
			.noneMatch((message) -> message.contains("[WARNING]"));
	}

	// --- the pod
	// ------------------------------------------------------------------------

	@Test
	void defaultsRenderOneDaemonSetOnTheHostNetworkOnLabelledNodes() {
		Rendered rendered = defaults();
		assertThat(rendered.objects()).extracting((object) -> object.get("kind"))
			.containsExactlyInAnyOrder("Secret", "ConfigMap", "DaemonSet");
		Map<String, Object> pod = rendered.podSpec();
		assertThat(pod.get("hostNetwork")).isEqualTo(true);
		assertThat(pod.get("dnsPolicy")).isEqualTo("Default");
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
		assertThat(pod.get("nodeSelector")).isEqualTo(Map.of("iscsi-gateway", "true"));
		assertThat(pod.get("terminationGracePeriodSeconds")).isEqualTo(600);
		assertThat(Yamls.get(rendered.one("DaemonSet"), "spec.updateStrategy.rollingUpdate.maxUnavailable"))
			.isEqualTo(1);
	}

	@Test
	void everyContainerIsPrivileged() {
		Rendered rendered = defaults();
		assertThat(rendered.containers()).extracting((container) -> container.get("name")).containsExactly("gateway");
		assertThat(rendered.initContainers()).extracting((container) -> container.get("name"))
			.containsExactly("preflight", "tcmu-runner");
		for (Map<String, Object> container : concat(rendered.containers(), rendered.initContainers())) {
			assertThat(Yamls.get(container, "securityContext.privileged")).as("%s", container.get("name"))
				.isEqualTo(true);
		}
	}

	@Test
	void hostPathsOfConfigfsDevAndModulesAreMountedModulesReadOnly() {
		Rendered rendered = defaults();
		assertThat(Yamls.get(rendered.volume("configfs"), "hostPath.path")).isEqualTo("/sys/kernel/config");
		assertThat(Yamls.get(rendered.volume("dev"), "hostPath.path")).isEqualTo("/dev");
		assertThat(Yamls.get(rendered.volume("modules"), "hostPath.path")).isEqualTo("/lib/modules");
		for (String name : List.of("gateway", "tcmu-runner")) {
			Map<String, Map<String, Object>> mounts = mounts(container(rendered, name));
			assertThat(mounts.get("configfs")).as(name)
				.containsEntry("mountPath", "/sys/kernel/config")
				.doesNotContainKey("readOnly");
			assertThat(mounts.get("dev")).as(name).containsEntry("mountPath", "/dev").doesNotContainKey("readOnly");
			assertThat(mounts.get("modules")).as(name)
				.containsEntry("mountPath", "/lib/modules")
				.containsEntry("readOnly", true);
		}
		// tcmu-runner gets the Ceph client files only; the gateway also its settings and
		// credentials
		assertThat(mounts(container(rendered, "tcmu-runner")).get("ceph-client"))
			.containsEntry("mountPath", "/etc/ceph")
			.containsEntry("readOnly", true);
		assertThat(mounts(container(rendered, "tcmu-runner"))).doesNotContainKeys("api-credentials", "etc-ceph");
		assertThat(mounts(container(rendered, "gateway")).get("etc-ceph")).containsEntry("mountPath", "/etc/ceph")
			.containsEntry("readOnly", true);
	}

	@Test
	void tcmuRunnerIsANativeSidecarOrASecondContainer() {
		Map<String, Object> sidecar = defaults().initContainer("tcmu-runner");
		assertThat(sidecar.get("restartPolicy")).isEqualTo("Always");
		assertThat(sidecar.get("command")).isEqualTo(List.of("/usr/bin/tcmu-runner"));

		Rendered plain = chart().template(HelmChart.requiredValues(),
				Map.of("tcmuRunner", Map.of("nativeSidecar", false)));
		assertThat(plain.containers()).extracting((container) -> container.get("name"))
			.containsExactly("gateway", "tcmu-runner");
		assertThat(plain.initContainers()).extracting((container) -> container.get("name"))
			.containsExactly("preflight");
		assertThat(plain.container("tcmu-runner")).doesNotContainKey("restartPolicy");
	}

	@Test
	void probesCheckTheApiPortFromTheSettings() {
		Map<String, Object> gateway = defaults().container("gateway");
		assertProbesOnApiPort(gateway, 5000);
		assertThat(Yamls.get(gateway, "readinessProbe.httpGet.scheme")).isEqualTo("HTTP");
		assertThat(args(gateway)).contains("--management.endpoint.health.probes.enabled=true");

		Map<String, Object> moved = chart()
			.template(HelmChart.requiredValues(), Map.of("settings", Map.of("config", Map.of("api_port", 5443))))
			.container("gateway");
		assertProbesOnApiPort(moved, 5443);
	}

	private static void assertProbesOnApiPort(Map<String, Object> gateway, int port) {
		assertThat(Yamls.list(gateway, "ports"))
			.contains(Map.of("name", "api", "containerPort", port, "protocol", "TCP"));
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(Yamls.get(gateway, probe + ".httpGet.port")).as(probe).isEqualTo("api");
			assertThat(Yamls.get(gateway, probe + ".httpGet.path")).as(probe)
				.isEqualTo(probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness");
			assertThat((Integer) Yamls.get(gateway, probe + ".periodSeconds")).as(probe).isPositive();
		}
		// the start-up probe gives a slow JVM five minutes before liveness counts
		assertThat((Integer) Yamls.get(gateway, "startupProbe.periodSeconds")
				* (Integer) Yamls.get(gateway, "startupProbe.failureThreshold"))
			.isGreaterThanOrEqualTo(300);
	}

	@Test
	void gatewayNameIsTheNodeNameFromTheDownwardApi() {
		List<Map<String, Object>> env = Yamls.list(defaults().container("gateway"), "env");
		assertThat(env.get(0)).isEqualTo(
				Map.of("name", "NODE_NAME", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "spec.nodeName"))));
		// $(NODE_NAME) is expanded only from variables defined before it
		assertThat(env.get(1)).isEqualTo(Map.of("name", "GATEWAY_NAME", "value", "$(NODE_NAME)"));

		List<Map<String, Object>> qualified = Yamls
			.list(chart()
				.template(HelmChart.requiredValues(),
						Map.of("gateway",
								Map.of("name", Map.of("source", "nodeName", "domain", "storage.example.com"))))
				.container("gateway"), "env");
		assertThat(qualified).contains(Map.of("name", "GATEWAY_NAME", "value", "$(NODE_NAME).storage.example.com"));

		List<Map<String, Object>> resolved = Yamls.list(chart()
			.template(HelmChart.requiredValues(), Map.of("gateway", Map.of("name", Map.of("source", "hostname"))))
			.container("gateway"), "env");
		assertThat(resolved).noneMatch((variable) -> "GATEWAY_NAME".equals(variable.get("name")));
	}

	// --- settings
	// -----------------------------------------------------------------------

	@Test
	void settingsFileIsWrittenFromValuesWithoutCredentials() {
		Map<String, Map<String, String>> cfg = Ini.parse(defaults().settingsFile());
		assertThat(cfg.keySet()).containsExactly("config");
		assertThat(cfg.get("config")).containsEntry("api_secure", "false")
			.containsEntry("api_port", "5000")
			.containsEntry("cluster_name", "ceph")
			.containsEntry("minimum_gateways", "2")
			.containsEntry("trusted_ip_list", "")
			.doesNotContainKeys("api_user", "api_password");

		Map<String, Map<String, String>> ha = Ini.parse(ha().settingsFile());
		assertThat(ha.keySet()).containsExactly("config", "target", "device_status");
		assertThat(ha.get("config")).containsEntry("api_secure", "true")
			.containsEntry("cluster_client_name", "client.iscsi")
			.containsEntry("pool", "iscsi")
			.containsEntry("trusted_ip_list", "192.0.2.11,192.0.2.12,192.0.2.13,192.0.2.50")
			.doesNotContainKeys("api_user", "api_password");
		assertThat(ha.get("target")).containsEntry("osd_op_timeout", "30").containsEntry("qfull_timeout", "5");
		assertThat(ha.get("device_status")).containsEntry("status_check_interval", "10");
	}

	@Test
	void theSettingsFileIsMountedWhereTheGatewayReadsIt() {
		Rendered rendered = defaults();
		assertThat(args(rendered.container("gateway"))).contains("--config=/etc/ceph/iscsi-gateway.cfg");
		List<Map<String, Object>> sources = Yamls.list(rendered.volume("etc-ceph"), "projected.sources");
		assertThat(sources.get(0)).isEqualTo(Map.of("configMap", Map.of("name", "gw-iscsi-gateway-config", "items",
				List.of(Map.of("key", "iscsi-gateway.cfg", "path", "iscsi-gateway.cfg")))));
	}

	@Test
	void aChangedSettingRollsThePods() {
		Object before = Yamls.get(defaults().one("DaemonSet"), "spec.template.metadata.annotations");
		Object after = Yamls.get(chart()
			.template(HelmChart.requiredValues(), Map.of("settings", Map.of("config", Map.of("minimum_gateways", 3))))
			.one("DaemonSet"), "spec.template.metadata.annotations");
		assertThat(((Map<?, ?>) before).get("checksum/config")).isNotNull()
			.isNotEqualTo(((Map<?, ?>) after).get("checksum/config"));
	}

	// --- secrets
	// ------------------------------------------------------------------------

	@Test
	void apiCredentialsAreReferencedThroughAVolumeAndNeverInlined() {
		Rendered rendered = defaults();
		Map<String, Object> secret = rendered.find("Secret", "gw-iscsi-gateway-api").orElseThrow();
		assertThat(Yamls.map(secret, "data")).containsEntry("password", base64(HelmChart.PASSWORD))
			.containsEntry("username", base64("admin"));
		assertThat(secret).doesNotContainKey("stringData");
		assertThat(rendered.text()).doesNotContain(HelmChart.PASSWORD);
		assertOnlyInSecrets(rendered, base64(HelmChart.PASSWORD));

		Map<String, Object> volume = rendered.volume("api-credentials");
		assertThat(Yamls.get(volume, "secret.secretName")).isEqualTo("gw-iscsi-gateway-api");
		assertThat(Yamls.list(volume, "secret.items")).containsExactly(
				Map.of("key", "username", "path", "gateway.settings.api-user"),
				Map.of("key", "password", "path", "gateway.settings.api-password"));
		Map<String, Object> gateway = rendered.container("gateway");
		assertThat(mounts(gateway).get("api-credentials")).containsEntry("mountPath", "/etc/iscsi-gateway/credentials")
			.containsEntry("readOnly", true);
		assertThat(args(gateway)).contains("--spring.config.import=configtree:/etc/iscsi-gateway/credentials/");
	}

	@Test
	void existingSecretsAreOnlyReferenced() {
		Rendered rendered = chart().template(Map.of("api",
				Map.of("credentials", Map.of("existingSecret", "my-api", "usernameKey", "user", "passwordKey", "pass")),
				"ceph", Map.of("existingSecret", "ceph-client")));
		assertThat(rendered.ofKind("Secret")).isEmpty();
		assertThat(Yamls.get(rendered.volume("api-credentials"), "secret.secretName")).isEqualTo("my-api");
		assertThat(Yamls.list(rendered.volume("api-credentials"), "secret.items")).extracting((item) -> item.get("key"))
			.containsExactly("user", "pass");
	}

	@Test
	void cephConfigAndKeyringComeFromASecretMountedForBothContainers() {
		Rendered rendered = chart()
			.template(Map.of("api", Map.of("credentials", Map.of("password", HelmChart.PASSWORD)), "ceph",
					Map.of("config", "[global]\nmon_host = 192.0.2.1\n", "keyring",
							"[client.admin]\n\tkey = " + HelmChart.KEYRING_KEY + "\n")));
		Map<String, Object> secret = rendered.find("Secret", "gw-iscsi-gateway-ceph").orElseThrow();
		assertThat(Yamls.map(secret, "data")).containsKeys("ceph.conf", "keyring");
		assertThat(rendered.text()).doesNotContain(HelmChart.KEYRING_KEY);
		assertOnlyInSecrets(rendered, (String) Yamls.map(secret, "data").get("keyring"));

		List<Map<String, Object>> items = List.of(Map.of("key", "ceph.conf", "path", "ceph.conf"),
				Map.of("key", "keyring", "path", "ceph.client.admin.keyring"));
		assertThat(Yamls.get(rendered.volume("ceph-client"), "secret.secretName")).isEqualTo("gw-iscsi-gateway-ceph");
		assertThat(Yamls.list(rendered.volume("ceph-client"), "secret.items")).isEqualTo(items);
		assertThat(Yamls.list(rendered.volume("etc-ceph"), "projected.sources"))
			.contains(Map.of("secret", Map.of("name", "gw-iscsi-gateway-ceph", "items", items)));
	}

	@Test
	void noEnvironmentVariableCarriesASecretValue() {
		for (Rendered rendered : List.of(defaults(), ha())) {
			for (Map<String, Object> container : concat(rendered.containers(), rendered.initContainers())) {
				List<Map<String, Object>> env = Yamls.listOrNull(container, "env");
				for (Map<String, Object> variable : (env != null) ? env : List.<Map<String, Object>>of()) {
					assertThat(String.valueOf(variable.get("name"))).doesNotContainIgnoringCase("password")
						.doesNotContainIgnoringCase("keyring");
				}
			}
		}
	}

	// --- the HA example
	// -----------------------------------------------------------------

	@Test
	void haExampleServesTlsWithChapKeysOnTwoDedicatedNodesAndIsScraped() {
		Rendered rendered = ha();
		assertThat(rendered.ofKind("Secret")).as("the HA example names existing Secrets only").isEmpty();
		assertThat(rendered.objects()).extracting((object) -> object.get("kind"))
			.containsExactlyInAnyOrder("ConfigMap", "DaemonSet", "Service", "ServiceMonitor");

		Map<String, Object> gateway = rendered.container("gateway");
		assertThat(args(gateway)).contains("--gateway.tls-certificate=/etc/iscsi-gateway/tls/tls.crt",
				"--gateway.tls-private-key=/etc/iscsi-gateway/tls/tls.key", "--gateway.mode=ceph");
		assertThat(Yamls.get(rendered.volume("tls"), "secret.secretName")).isEqualTo("iscsi-gateway-tls");
		assertThat(Yamls.get(gateway, "livenessProbe.httpGet.scheme")).isEqualTo("HTTPS");
		assertThat(mounts(gateway).get("tls")).containsEntry("readOnly", true);
		assertThat(Yamls.list(gateway, "env"))
			.contains(Map.of("name", "GATEWAY_NAME", "value", "$(NODE_NAME).storage.example.com"));

		List<Map<String, Object>> sources = Yamls.list(rendered.volume("etc-ceph"), "projected.sources");
		assertThat(sources).contains(Map.of("secret",
				Map.of("name", "iscsi-gateway-ceph", "items", List.of(Map.of("key", "ceph.conf", "path", "ceph.conf"),
						Map.of("key", "keyring", "path", "ceph.client.iscsi.keyring")))));
		assertThat(sources).contains(Map.of("secret",
				Map.of("name", "iscsi-gateway-chap", "items",
						List.of(Map.of("key", "iscsi-gateway.key", "path", "iscsi-gateway.key"),
								Map.of("key", "iscsi-gateway-pub.key", "path", "iscsi-gateway-pub.key")))));

		Map<String, Object> pod = rendered.podSpec();
		assertThat(pod.get("priorityClassName")).isEqualTo("iscsi-gateway-critical");
		assertThat(Yamls.list(pod, "tolerations")).extracting((toleration) -> toleration.get("key"))
			.containsExactly("dedicated");

		Map<String, Object> service = rendered.one("Service");
		Map<String, Object> podLabels = Yamls.map(rendered.one("DaemonSet"), "spec.template.metadata.labels");
		assertThat(Yamls.get(service, "spec.clusterIP")).isEqualTo("None");
		assertThat(podLabels).containsAllEntriesOf(Yamls.map(service, "spec.selector"));
		assertThat(Yamls.list(service, "spec.ports"))
			.containsExactly(Map.of("name", "metrics", "port", 9287, "targetPort", "metrics", "protocol", "TCP"));
		Map<String, Object> monitor = rendered.one("ServiceMonitor");
		assertThat(Yamls.map(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
		assertThat(Yamls.map(service, "metadata.labels"))
			.containsAllEntriesOf(Yamls.map(monitor, "spec.selector.matchLabels"));
		assertThat(Yamls.list(monitor, "spec.endpoints").get(0)).containsEntry("port", "metrics")
			.containsEntry("path", "/metrics");
	}

	@Test
	void serviceMonitorIsOffByDefault() {
		assertThat(defaults().ofKind("ServiceMonitor")).isEmpty();
		assertThat(defaults().ofKind("Service")).isEmpty();
	}

	@Test
	void embeddedModeNeedsNoCeph() {
		Rendered rendered = chart().template(Map.of("api",
				Map.of("credentials", Map.of("password", HelmChart.PASSWORD)), "gateway", Map.of("mode", "embedded")));
		assertThat(args(rendered.container("gateway"))).contains("--gateway.mode=embedded");
		assertThat(rendered.volume("ceph-client")).containsKey("emptyDir");
		assertThat(rendered.find("Secret", "gw-iscsi-gateway-ceph")).isEmpty();
	}

	// --- refusals
	// -----------------------------------------------------------------------

	@Test
	void aMissingPasswordFailsTheRenderWithItsRemedy() {
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(Map.of("ceph", Map.of("existingSecret", "ceph-client"))))
			.withMessageContaining("iscsi-gateway: no API password")
			.withMessageContaining("api.credentials.existingSecret")
			.withMessageContaining("api.credentials.password");
	}

	@Test
	void ceph_iscsiDefaultPasswordIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(HelmChart.requiredValues(),
					Map.of("api", Map.of("credentials", Map.of("password", "admin")))))
			.withMessageContaining("api.credentials.password must not be 'admin'");
	}

	@Test
	void credentialsInTheSettingsAreRefused() {
		for (String key : List.of("api_user", "api_password")) {
			assertThatIllegalStateException()
				.isThrownBy(() -> chart().template(HelmChart.requiredValues(),
						Map.of("settings", Map.of("config", Map.of(key, "secret")))))
				.withMessageContaining("settings.config." + key + " must not be set");
		}
	}

	@Test
	void cephModeWithoutCephConfigurationIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(Map.of("api", Map.of("credentials", Map.of("password", "x1")))))
			.withMessageContaining("gateway.mode is ceph but no Ceph client configuration is given");
	}

	@Test
	void apiSecureWithoutATlsSecretIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(HelmChart.requiredValues(),
					Map.of("settings", Map.of("config", Map.of("api_secure", true)))))
			.withMessageContaining("api_secure is true but tls.existingSecret is empty");
	}

	@Test
	void schemaRefusesAnEmptyNodeSelectorAndMistypedSettings() {
		// Helm merges maps, so an empty map would keep the default label: null removes it
		Map<String, Object> removed = new LinkedHashMap<>();
		removed.put("iscsi-gateway", null);
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(HelmChart.requiredValues(), Map.of("nodeSelector", removed)))
			.withMessageContaining("at '/nodeSelector': minProperties");
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(HelmChart.requiredValues(),
					Map.of("settings", Map.of("config", Map.of("api_port", 70000)))))
			.withMessageContaining("at '/settings/config/api_port': maximum");
		assertThatIllegalStateException()
			.isThrownBy(() -> chart().template(HelmChart.requiredValues(), Map.of("gateway", Map.of("mode", "auto"))))
			.withMessageContaining("at '/gateway/mode'");
	}

	// --- helpers
	// ------------------------------------------------------------------------

	private static void assertOnlyInSecrets(Rendered rendered, String value) {
		for (Map<String, Object> object : rendered.objects()) {
			if (!"Secret".equals(object.get("kind"))) {
				assertThat(Yamls.strings(object)).as("%s %s", object.get("kind"), Yamls.get(object, "metadata.name"))
					.noneMatch((string) -> string.contains(value));
			}
		}
	}

	private static Map<String, Object> container(Rendered rendered, String name) {
		return concat(rendered.containers(), rendered.initContainers()).stream()
			.filter((container) -> name.equals(container.get("name")))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static List<String> args(Map<String, Object> container) {
		return (List<String>) container.get("args");
	}

	private static Map<String, Map<String, Object>> mounts(Map<String, Object> container) {
		Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
		for (Map<String, Object> mount : Yamls.list(container, "volumeMounts")) {
			mounts.put((String) mount.get("name"), mount);
		}
		return mounts;
	}

	private static List<Map<String, Object>> concat(List<Map<String, Object>> first, List<Map<String, Object>> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
