package io.github.iscsigw.ceph.object;

import java.time.Duration;

import io.github.iscsigw.ceph.CephClientException;

/**
 * The advisory lock of an object could not be taken within the configured time. The
 * message is ceph-iscsi's; {@link #holder()} says who held the lock, when known.
 */
public class LockTimeoutException extends CephClientException {

	private static final long serialVersionUID = 1L;

	private final String holder;

	public LockTimeoutException(String name, Duration waited) {
		this(name, waited, null);
	}

	/**
	 * @param name the object
	 * @param waited how long the commit waited
	 * @param holder who held the lock at the end (e.g.
	 * {@code client.4132 at 127.0.0.1:0/1490933699, cookie config}), or {@code null}
	 */
	public LockTimeoutException(String name, Duration waited, String holder) {
		super("Timed out (" + waited.toSeconds() + "s) waiting for excl lock on " + name + " object");
		this.holder = holder;
	}

	/**
	 * Who held the lock when the wait ended.
	 * @return a description of the holder, or {@code null} when unknown
	 */
	public String holder() {
		return this.holder;
	}

}
