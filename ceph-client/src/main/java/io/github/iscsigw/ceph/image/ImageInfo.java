package io.github.iscsigw.ceph.image;

/**
 * What the gateway needs to know about an image.
 *
 * @param pool the pool
 * @param name the image name
 * @param size the size in bytes
 * @param features the RBD feature bits ({@link ImageFeatures})
 */
public record ImageInfo(String pool, String name, long size, long features) {

	/**
	 * Whether the image has the exclusive-lock feature, which ceph-iscsi requires of
	 * every exported image.
	 * @return true if it has
	 */
	public boolean hasExclusiveLock() {
		return (this.features & ImageFeatures.EXCLUSIVE_LOCK) != 0;
	}

}
