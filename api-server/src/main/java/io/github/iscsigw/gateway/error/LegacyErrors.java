package io.github.iscsigw.gateway.error;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * The texts and writer of the legacy API's {@code {"message": …}} error bodies
 * (rbd-target-api.md §3). ceph-iscsi answers routing errors with a 500 by accident; we
 * keep its texts but send the proper status.
 */
public final class LegacyErrors {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static final String NOT_FOUND = "404 Not Found: The requested URL was not found on the server. "
			+ "If you entered the URL manually please check your spelling and try again.";

	public static final String METHOD_NOT_ALLOWED = "405 Method Not Allowed: The method is not allowed for the requested URL.";

	public static final String BAD_REQUEST = "400 Bad Request: The browser (or proxy) sent a request that this server could not understand.";

	private LegacyErrors() {
	}

	/**
	 * The body of an error.
	 * @param message the text
	 * @return {@code {"message": text}}
	 */
	public static Map<String, Object> body(String message) {
		return Map.of("message", message);
	}

	/**
	 * Writes an error directly to a servlet response (for filters that run before Spring
	 * MVC).
	 * @param response the response
	 * @param status the HTTP status
	 * @param message the text
	 * @throws IOException if writing fails
	 */
	public static void write(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(body(message)));
	}

}
