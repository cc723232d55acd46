package io.github.iscsigw.ceph.object;

/**
 * The commit lock of a store, taken on its own: what a commit holds while it writes. Used
 * by the contract tests to hold the lock from another process.
 */
interface LockableStore {

	/**
	 * Takes the object's commit lock, waiting at most the store's lock timeout.
	 * @param name the object
	 * @return the held lock; closing it releases the lock
	 * @throws LockTimeoutException if the lock could not be taken in time
	 */
	Lease lock(String name);

	/** A held lock. */
	interface Lease extends AutoCloseable {

		@Override
		void close();

	}

}
