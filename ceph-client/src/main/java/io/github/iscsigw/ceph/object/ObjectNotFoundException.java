package io.github.iscsigw.ceph.object;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The named object does not exist.
 */
public class ObjectNotFoundException extends CephClientException {

	private static final long serialVersionUID = 1L;

	public ObjectNotFoundException(String name) {
		super("object " + name + " does not exist");
	}

}
