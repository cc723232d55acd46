package io.github.iscsigw.gateway.fanout;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.github.iscsigw.gateway.settings.GatewaySettings;

/**
 * Calls another gateway's API as ceph-iscsi's peers do (rbd-target-api.md §1, §5): the
 * local scheme, port and credentials, and — unlike ceph-iscsi, which waits forever — a
 * deadline on every call so that a public request always answers within the dashboard's
 * 45 s.
 */
public class PeerClient {

	private final HttpClient http;

	private final String scheme;

	private final int port;

	private final String authorization;

	private final Duration timeout;

	public PeerClient(GatewaySettings settings, Duration timeout) {
		this.scheme = settings.apiSecure() ? "https" : "http";
		this.port = settings.apiPort();
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((settings.apiUser() + ":" + settings.apiPassword()).getBytes(StandardCharsets.UTF_8));
		this.timeout = timeout;
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
		if (settings.apiSecure()) {
			// ceph-iscsi never verifies peer certificates (api_ssl_verify is forced off)
			builder.sslContext(trustAll());
		}
		this.http = builder.build();
	}

	/**
	 * Sends one request.
	 * @param method the HTTP method
	 * @param host the gateway (name, IPv4 or IPv6 literal)
	 * @param path the path, starting with {@code /api/}
	 * @param form form fields ({@code null} values are dropped, as python-requests does)
	 * @return the answer
	 * @throws IOException when the peer cannot be reached within the deadline
	 */
	public Answer send(String method, String host, String path, Map<String, String> form) throws IOException {
		String body = form.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() != null)
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(url(host, path))
			.timeout(this.timeout)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/**
	 * The URL of a peer's route, IPv6 literals bracketed.
	 * @param host the gateway
	 * @param path the path
	 * @return the URL
	 */
	public URI url(String host, String path) {
		String shown = (host.contains(":") && !host.startsWith("[")) ? "[" + host + "]" : host;
		return URI.create(this.scheme + "://" + shown + ":" + this.port + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static SSLContext trustAll() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new X509TrustManager() {
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
			} }, new SecureRandom());
			return context;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("no TLS in this JVM", ex);
		}
	}

	/**
	 * A peer's answer.
	 *
	 * @param status the HTTP status
	 * @param body the body text
	 */
	public record Answer(int status, String body) {
	}

}
