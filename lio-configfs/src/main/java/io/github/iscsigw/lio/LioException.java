package io.github.iscsigw.lio;

/**
 * Root of every exception this module throws: invalid model values, configfs errors,
 * failed plans. Messages never contain CHAP secrets.
 */
public class LioException extends RuntimeException {

	public LioException(String message) {
		super(message);
	}

	public LioException(String message, Throwable cause) {
		super(message, cause);
	}

}
