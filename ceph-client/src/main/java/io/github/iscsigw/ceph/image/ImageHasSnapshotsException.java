package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * An image with snapshots cannot be deleted; remove the snapshots first.
 */
public class ImageHasSnapshotsException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String pool;

	private final String image;

	public ImageHasSnapshotsException(String pool, String image) {
		// the text ceph-iscsi appends to "Unable to delete the underlying rbd image
		// <image> - "
		super("Image has snapshots");
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
