package io.github.iscsigw.ceph;

/**
 * Root of every error raised by this module. Unchecked; callers translate it at their
 * boundary.
 */
public class CephClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CephClientException(String message) {
		super(message);
	}

	public CephClientException(String message, Throwable cause) {
		super(message, cause);
	}

}
