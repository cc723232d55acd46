package io.github.iscsigw.gateway.settings;

/**
 * The settings file or a setting override is invalid; start-up stops with this message.
 */
public class SettingsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SettingsException(String message) {
		super(message);
	}

	public SettingsException(String message, Throwable cause) {
		super(message, cause);
	}

}
