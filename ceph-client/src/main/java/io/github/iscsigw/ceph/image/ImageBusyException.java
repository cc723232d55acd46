package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The image is in use by another client (it has watchers, or another client holds its
 * exclusive lock) and the operation could not wait it out.
 */
public class ImageBusyException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String pool;

	private final String image;

	public ImageBusyException(String pool, String image, String detail) {
		super("rbd image " + pool + "/" + image + " is busy: " + detail);
		this.pool = pool;
		this.image = image;
	}

	public String pool() {
		return this.pool;
	}

	public String image() {
		return this.image;
	}

}
