package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The image has no snapshot of that name.
 */
public class SnapshotNotFoundException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String snapshot;

	public SnapshotNotFoundException(String pool, String image, String snapshot) {
		// ceph-iscsi's text (rbd-target-api.md 6.22); the image is in the caller's
		// context
		super("snapshot " + snapshot + " does not exist");
		this.snapshot = snapshot;
	}

	public String snapshot() {
		return this.snapshot;
	}

}
