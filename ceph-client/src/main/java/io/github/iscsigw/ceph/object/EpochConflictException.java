package io.github.iscsigw.ceph.object;

import io.github.iscsigw.ceph.CephClientException;

/**
 * A commit was based on an epoch that is no longer current: someone else committed first.
 */
public class EpochConflictException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final long expectedEpoch;

	private final long actualEpoch;

	public EpochConflictException(String name, long expectedEpoch, long actualEpoch) {
		super("object " + name + " is at epoch " + actualEpoch + ", not " + expectedEpoch);
		this.expectedEpoch = expectedEpoch;
		this.actualEpoch = actualEpoch;
	}

	public long expectedEpoch() {
		return this.expectedEpoch;
	}

	public long actualEpoch() {
		return this.actualEpoch;
	}

}
