package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The pool does not exist.
 */
public class PoolNotFoundException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String pool;

	public PoolNotFoundException(String pool) {
		super("pool " + pool + " does not exist");
		this.pool = pool;
	}

	public String pool() {
		return this.pool;
	}

}
