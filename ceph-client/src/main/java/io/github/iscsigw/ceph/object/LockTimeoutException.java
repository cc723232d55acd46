package io.github.iscsigw.ceph.object;

import java.time.Duration;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The advisory lock of an object could not be taken within the configured time.
 */
public class LockTimeoutException extends CephClientException {

	private static final long serialVersionUID = 1L;

	public LockTimeoutException(String name, Duration waited) {
		super("Timed out (" + waited.toSeconds() + "s) waiting for excl lock on " + name + " object");
	}

}
