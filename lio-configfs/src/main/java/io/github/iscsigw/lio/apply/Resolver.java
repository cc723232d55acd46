package io.github.iscsigw.lio.apply;

import io.github.iscsigw.lio.model.StorageObjectId;

/**
 * Resolves what a plan cannot know in advance: the HBA directory of a storage object.
 */
interface Resolver {

	/**
	 * The path of an existing storage object.
	 * @param id the object
	 * @return e.g. {@code core/user_3/rbd.disk_1}
	 */
	String storageObject(StorageObjectId id);

	/**
	 * Picks the HBA directory for a new storage object (lowest index unused by any HBA,
	 * like rtslib) and remembers the object as living there.
	 * @param id the object
	 * @return e.g. {@code core/user_4}
	 */
	String newHba(StorageObjectId id);

	/**
	 * Forgets a deleted storage object.
	 * @param id the object
	 * @return the HBA directory to remove as well, or null if other objects share it
	 */
	String removed(StorageObjectId id);

}
