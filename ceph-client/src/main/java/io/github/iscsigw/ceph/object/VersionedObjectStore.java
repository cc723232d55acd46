package io.github.iscsigw.ceph.object;

import java.util.function.LongConsumer;

/**
 * A store of whole objects, each guarded by an {@code epoch} kept beside it (the RADOS
 * xattr {@code epoch} holding ASCII digits, as ceph-iscsi writes it). Implemented over
 * RADOS and over a local directory (embedded mode).
 */
public interface VersionedObjectStore extends AutoCloseable {

	/** Epoch of an object that has never been committed (no {@code epoch} xattr). */
	long NO_EPOCH = -1;

	/**
	 * Creates the object empty if it does not exist; does nothing if it does.
	 * @param name the object name
	 */
	void createIfAbsent(String name);

	/**
	 * Reads the object and its epoch.
	 * @param name the object name
	 * @return the content and epoch
	 * @throws ObjectNotFoundException if the object does not exist
	 */
	VersionedObject read(String name);

	/**
	 * Reads only the epoch (cheap; used to poll for changes).
	 * @param name the object name
	 * @return the epoch or {@link #NO_EPOCH}
	 * @throws ObjectNotFoundException if the object does not exist
	 */
	long epoch(String name);

	/**
	 * Replaces the whole content and sets the epoch to {@code expectedEpoch + 1}, if and
	 * only if the stored epoch is still {@code expectedEpoch}. Implementations take the
	 * same advisory lock as ceph-iscsi while doing so.
	 * @param name the object name
	 * @param content the new content
	 * @param expectedEpoch the epoch the caller based its change on ({@link #NO_EPOCH}
	 * for a never-committed object)
	 * @return the new epoch
	 * @throws EpochConflictException if someone else committed first; nothing is written
	 */
	long commit(String name, byte[] content, long expectedEpoch);

	/**
	 * Calls the listener with the new epoch whenever the object's epoch changes (by this
	 * process or another). The listener runs on a store thread and must not block.
	 * @param name the object name
	 * @param listener receives each newly seen epoch
	 * @return a handle that stops the notifications when closed
	 */
	Subscription watch(String name, LongConsumer listener);

	@Override
	void close();

	/** A registration that can be cancelled. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
