package io.github.iscsigw.gateway.state;

/**
 * A CHAP password could not be encrypted or decrypted (gateway-conf.md §4). The message
 * is ceph-iscsi's and never contains the password.
 */
public class ChapCipherException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ChapCipherException(String message, Throwable cause) {
		super(message, cause);
	}

}
