package io.github.iscsigw.gateway;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.github.iscsigw.gateway.settings.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starting the whole application: what stops start-up (with which message) and TLS.
 */
class StartupTests {

	@TempDir
	Path dir;

	ConfigurableApplicationContext start(String settings, String... extra) {
		TestGateway gateway = TestGateway.in(this.dir).settings(settings);
		List<String> args = new ArrayList<>(List.of("--config=" + gateway.settingsFile(),
				"--gateway.data-dir=" + gateway.dataDir(), "--gateway.mode=embedded",
				"--gateway.configfs-root=" + this.dir.resolve("none"), "--server.port=0", "--gateway.name=gw1"));
		args.addAll(List.of(extra));
		return new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
	}

	static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof SettingsException)) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Test
	void aBadSettingStopsStartUpNamingKeyValueAndRange() {
		assertThatThrownBy(() -> start("[config]\napi_host = 127.0.0.1\napi_port = 99999\n"))
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(SettingsException.class)
				.hasMessageContaining("api_port")
				.hasMessageContaining("'99999'")
				.hasMessageContaining("from 1 to 65535"));
	}

	@Test
	void defaultCredentialsOnAnOpenAddressStopStartUp() {
		assertThatThrownBy(() -> start("[config]\napi_host = ::\napi_secure = false\n"))
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(SettingsException.class)
				.hasMessageContaining("admin/admin")
				.hasMessageContaining("allow-default-credentials"));
	}

	@Test
	void defaultCredentialsOnAnOpenAddressWhenExplicitlyAllowed() {
		try (ConfigurableApplicationContext context = start("[config]\napi_host = 0.0.0.0\napi_secure = false\n",
				"--gateway.allow-default-credentials=true")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void secureWithoutCertificateStopsStartUp() {
		assertThatThrownBy(() -> start("[config]\napi_host = 127.0.0.1\n",
				"--gateway.tls-certificate=" + this.dir.resolve("missing.crt")))
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(SettingsException.class)
				.hasMessageContaining("missing.crt")
				.hasMessageContaining("api_secure"));
	}

	@Test
	void secureServesTls12AndNewerOnly() throws Exception {
		Path tls = Path.of(StartupTests.class.getResource("/tls").toURI());
		try (ConfigurableApplicationContext context = start("[config]\napi_host = 127.0.0.1\napi_secure = true\n",
				"--gateway.tls-certificate=" + tls.resolve("gateway.crt"),
				"--gateway.tls-private-key=" + tls.resolve("gateway.key"))) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SSLContext ssl = SSLContext.getInstance("TLS");
			ssl.init(null, new TrustManager[] { new TrustAll() }, new SecureRandom());
			try (SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
				socket.setSoTimeout(10_000);
				socket.startHandshake();
				assertThat(socket.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
				socket.getOutputStream()
					.write("GET /api/_ping HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\nConnection: close\r\n\r\n"
						.getBytes());
				String answer = new String(socket.getInputStream().readAllBytes());
				assertThat(answer).startsWith("HTTP/1.1 200").contains("{\"message\":\"pong\"}");
			}
			try (SSLSocket old = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", port)) {
				old.setSoTimeout(10_000);
				old.setEnabledProtocols(new String[] { "TLSv1.1" });
				assertThatThrownBy(old::startHandshake).isInstanceOf(IOException.class);
			}
			catch (IllegalArgumentException ex) {
				// this JVM cannot even offer TLS 1.1: nothing older than 1.2 can be
				// negotiated
			}
		}
	}

	@Test
	void restartKeepsTheDocumentAndItsEpoch() throws IOException {
		String settings = "[config]\napi_host = 127.0.0.1\napi_secure = false\n";
		long epoch;
		try (ConfigurableApplicationContext context = start(settings)) {
			var repository = context.getBean(io.github.iscsigw.gateway.config.ConfigRepository.class);
			repository.commit((config) -> config.withGateway("gw1",
					new io.github.iscsigw.gateway.state.Gateway(0, "2024/01/01 00:00:00", "2024/01/01 00:00:00")));
			epoch = repository.current().epoch();
		}
		Path object = TestGateway.in(this.dir).configObject();
		byte[] before = Files.readAllBytes(object);
		try (ConfigurableApplicationContext context = start(settings)) {
			var repository = context.getBean(io.github.iscsigw.gateway.config.ConfigRepository.class);
			assertThat(repository.current().epoch()).isEqualTo(epoch).isEqualTo(1);
			assertThat(repository.current().config().gateways()).containsKey("gw1");
		}
		assertThat(Files.readAllBytes(object)).isEqualTo(before);
	}

	static final class TrustAll implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
