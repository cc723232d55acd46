package io.github.iscsigw.ceph;

/**
 * The cluster refused the operation for this cephx identity (missing or wrong key, or
 * insufficient caps).
 */
public class CephAccessDeniedException extends CephClientException {

	private static final long serialVersionUID = 1L;

	public CephAccessDeniedException(String message) {
		super(message);
	}

}
