package io.github.iscsigw.ceph;

/**
 * The cluster cannot be used right now: it is unreachable, an operation timed out, this
 * client was blocklisted, or the Ceph libraries are not installed. Retrying later may
 * help; nothing was changed by the failed call unless its documentation says otherwise.
 */
public class CephUnavailableException extends CephClientException {

	private static final long serialVersionUID = 1L;

	public CephUnavailableException(String message) {
		super(message);
	}

	public CephUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
