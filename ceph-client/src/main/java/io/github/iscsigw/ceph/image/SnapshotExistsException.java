package io.github.iscsigw.ceph.image;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The image already has a snapshot of that name.
 */
public class SnapshotExistsException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String snapshot;

	public SnapshotExistsException(String pool, String image, String snapshot) {
		// ceph-iscsi's text (rbd-target-api.md 6.22)
		super("snapshot " + snapshot + " already exists");
		this.snapshot = snapshot;
	}

	public String snapshot() {
		return this.snapshot;
	}

}
