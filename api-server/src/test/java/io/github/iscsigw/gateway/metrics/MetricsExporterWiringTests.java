package io.github.iscsigw.gateway.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import io.github.iscsigw.gateway.GatewayApplication;
import io.github.iscsigw.gateway.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter in the application: started and stopped with it, on the port of
 * {@code gateway.metrics-port}, not at all when {@code prometheus_exporter} is false.
 */
class MetricsExporterWiringTests {

	private final Path root = TestGateway.tempDirectory("metrics-wiring");

	@AfterEach
	void cleanUp() {
		TestGateway.deleteRecursively(this.root);
	}

	ConfigurableApplicationContext start(String exporterSetting) {
		TestGateway gateway = TestGateway.in(this.root).settings("""
				[config]
				api_host = 127.0.0.1
				api_secure = false
				minimum_gateways = 1
				prometheus_host = 127.0.0.1
				prometheus_exporter = %s
				""".formatted(exporterSetting));
		return new SpringApplicationBuilder(GatewayApplication.class).run("--config=" + gateway.settingsFile(),
				"--gateway.data-dir=" + gateway.dataDir(),
				"--gateway.configfs-root=" + this.root.resolve("no-configfs"), "--gateway.mode=embedded",
				"--gateway.name=gw1.example.com", "--server.address=127.0.0.1", "--server.port=0",
				"--gateway.metrics-port=0");
	}

	@Test
	void startsAndStopsWithTheApplication() throws Exception {
		MetricsExporter exporter;
		try (ConfigurableApplicationContext app = start("true")) {
			exporter = app.getBean(MetricsExporter.class);
			assertThat(exporter.listening()).isTrue();
			assertThat(exporter.port()).isPositive();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			// a fresh gateway has no target in LIO
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).isEqualTo("{\"message\":\"Could not get metrics: No targets setup.\"}");
		}
		assertThat(exporter.listening()).isFalse();
	}

	@Test
	void disabledBySetting() {
		try (ConfigurableApplicationContext app = start("false")) {
			MetricsExporter exporter = app.getBean(MetricsExporter.class);
			assertThat(exporter.listening()).isFalse();
			assertThat(exporter.port()).isEqualTo(-1);
		}
	}

}
