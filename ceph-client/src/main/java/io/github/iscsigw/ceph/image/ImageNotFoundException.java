package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The image does not exist (its pool does).
 */
public class ImageNotFoundException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String pool;

	private final String image;

	public ImageNotFoundException(String pool, String image) {
		super("rbd image " + pool + "/" + image + " not found");
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
