package io.github.iscsigw.lio.fs;

import io.github.iscsigw.lio.LioException;

/**
 * A configfs operation failed; the message names the operation, the path and the kernel's
 * (or simulator's) reason, never a written value.
 */
public class ConfigfsException extends LioException {

	private final String reason;

	public ConfigfsException(String operation, String path, String reason) {
		super(operation + " " + path + ": " + reason);
		this.reason = reason;
	}

	public ConfigfsException(String operation, String path, String reason, Throwable cause) {
		super(operation + " " + path + ": " + reason, cause);
		this.reason = reason;
	}

	/**
	 * The reason, e.g. {@code Invalid argument}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
