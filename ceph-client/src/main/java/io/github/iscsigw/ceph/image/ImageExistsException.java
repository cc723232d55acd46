package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * An image of that name already exists.
 */
public class ImageExistsException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String pool;

	private final String image;

	public ImageExistsException(String pool, String image) {
		super("rbd image " + pool + "/" + image + " already exists");
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
