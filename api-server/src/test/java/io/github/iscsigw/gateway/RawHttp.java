package io.github.iscsigw.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client that can choose its source address (127.0.0.2 is "another
 * host" on loopback) and send exactly the headers a test wants, bodies on GET and DELETE
 * included.
 */
public final class RawHttp {

	private final String host;

	private final int port;

	private String sourceAddress = "127.0.0.1";

	private String authorization;

	private final Map<String, String> extraHeaders = new LinkedHashMap<>();

	private RawHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	public static RawHttp to(String host, int port) {
		return new RawHttp(host, port);
	}

	public RawHttp from(String source) {
		this.sourceAddress = source;
		return this;
	}

	public RawHttp basic(String user, String password) {
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this;
	}

	public RawHttp header(String authorizationValue) {
		this.authorization = authorizationValue;
		return this;
	}

	public RawHttp with(String name, String value) {
		this.extraHeaders.put(name, value);
		return this;
	}

	public Response get(String path) throws IOException {
		return send("GET", path, null);
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param path the path (raw, not encoded)
	 * @param form a form-encoded body or {@code null}
	 * @return the response
	 * @throws IOException on a socket error
	 */
	public Response send(String method, String path, String form) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(20_000);
			socket.bind(new InetSocketAddress(InetAddress.getByName(this.sourceAddress), 0));
			socket.connect(new InetSocketAddress(this.host, this.port), 5_000);
			StringBuilder request = new StringBuilder();
			request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			request.append("Host: ").append(this.host).append(':').append(this.port).append("\r\n");
			request.append("Connection: close\r\n");
			if (this.authorization != null) {
				request.append("Authorization: ").append(this.authorization).append("\r\n");
			}
			this.extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] body = (form != null) ? form.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (form != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\n");
				request.append("Content-Length: ").append(body.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		in.transferTo(buffer);
		return buffer.toByteArray();
	}

	/**
	 * A parsed response (chunked bodies decoded).
	 *
	 * @param status the status code
	 * @param headers header names lower-cased
	 * @param body the body text
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(head[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).strip());
			}
			byte[] bodyBytes = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				bodyBytes = dechunk(bodyBytes);
			}
			return new Response(status, headers, new String(bodyBytes, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] bytes) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (position < bytes.length) {
				int lineEnd = position;
				while (lineEnd + 1 < bytes.length && !(bytes[lineEnd] == '\r' && bytes[lineEnd + 1] == '\n')) {
					lineEnd++;
				}
				String sizeText = new String(bytes, position, lineEnd - position, StandardCharsets.US_ASCII).strip();
				int semicolon = sizeText.indexOf(';');
				int size = Integer.parseInt((semicolon >= 0) ? sizeText.substring(0, semicolon) : sizeText, 16);
				if (size == 0) {
					break;
				}
				out.write(bytes, lineEnd + 2, size);
				position = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

	}

}
