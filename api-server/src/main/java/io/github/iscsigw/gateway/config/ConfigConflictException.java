package io.github.iscsigw.gateway.config;

/**
 * A commit kept conflicting with other writers beyond the bounded number of attempts.
 */
public class ConfigConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConfigConflictException(String message) {
		super(message);
	}

}
