package io.github.iscsigw.gateway.settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes the HTTP server listen where {@code iscsi-gateway.cfg} says ({@code api_host},
 * {@code api_port}) and serve TLS 1.2+ when {@code api_secure} is true. Explicit
 * {@code server.address}/{@code server.port} properties (tests) win.
 */
@Component
class ApiServerCustomizer implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	/** Where ceph-iscsi looks for its certificate and key (rbd-target-api.md §1). */
	static final Path DEFAULT_CERTIFICATE = Path.of("/etc/ceph/iscsi-gateway.crt");

	static final Path DEFAULT_PRIVATE_KEY = Path.of("/etc/ceph/iscsi-gateway.key");

	private final GatewaySettings settings;

	private final GatewayProperties properties;

	private final Environment environment;

	ApiServerCustomizer(GatewaySettings settings, GatewayProperties properties, Environment environment) {
		this.settings = settings;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		if (!this.environment.containsProperty("server.port")) {
			factory.setPort(this.settings.apiPort());
		}
		if (!this.environment.containsProperty("server.address")) {
			factory.setAddress(bindAddress(this.settings.apiHost()));
		}
		if (this.settings.apiSecure()) {
			factory.setSsl(ssl());
		}
	}

	private Ssl ssl() {
		Path certificate = (this.properties.tlsCertificate() != null) ? this.properties.tlsCertificate()
				: DEFAULT_CERTIFICATE;
		Path key = (this.properties.tlsPrivateKey() != null) ? this.properties.tlsPrivateKey() : DEFAULT_PRIVATE_KEY;
		for (Path file : new Path[] { certificate, key }) {
			if (!Files.isReadable(file)) {
				throw new SettingsException("api_secure is true but " + file + " is missing or unreadable; "
						+ "provide the PEM certificate and key (--gateway.tls-certificate, --gateway.tls-private-key) "
						+ "or set api_secure = false");
			}
		}
		Ssl ssl = new Ssl();
		ssl.setEnabled(true);
		ssl.setCertificate(certificate.toUri().toString());
		ssl.setCertificatePrivateKey(key.toUri().toString());
		ssl.setEnabledProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
		return ssl;
	}

	static InetAddress bindAddress(String host) {
		String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		try {
			return InetAddress.getByName(bare);
		}
		catch (UnknownHostException ex) {
			throw new SettingsException("api_host '" + host + "' cannot be resolved: " + ex.getMessage(), ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
