package io.github.iscsigw.gateway.state;

/**
 * The config object's content is not a {@code gateway.conf} document this code can read
 * (not JSON, wrong types, no {@code version}). The message never contains the content,
 * which may hold CHAP secrets.
 */
public class ConfigFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConfigFormatException(String message) {
		super(message);
	}

	public ConfigFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
