package io.github.iscsigw.ceph.image;

import java.time.Duration;
import java.util.List;

/**
 * Block images grouped in pools: RBD images in Ceph pools ({@link RbdImageStore}) or
 * sparse files in folders ({@link FileImageStore}, embedded mode). Both implementations
 * throw the same exceptions for the same situations.
 * <p>
 * Names: pool, image and snapshot names must be non-empty, must not contain {@code /},
 * {@code @} or control characters and must not start with {@code .}; anything else is an
 * {@link IllegalArgumentException}.
 */
public interface ImageStore extends AutoCloseable {

	/**
	 * Whether the pool exists.
	 * @param pool the pool
	 * @return true if it exists
	 */
	boolean poolExists(String pool);

	/**
	 * The id of a pool (ceph-iscsi stores it as {@code pool_id}).
	 * @param pool the pool
	 * @return the id
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	long poolId(String pool);

	/**
	 * Whether the image exists.
	 * @param pool the pool
	 * @param image the image
	 * @return true if it exists
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	boolean imageExists(String pool, String image);

	/**
	 * Size and features of an image.
	 * @param pool the pool
	 * @param image the image
	 * @return its info
	 * @throws ImageNotFoundException if it does not exist
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	ImageInfo info(String pool, String image);

	/**
	 * The names of the pool's images, sorted.
	 * @param pool the pool
	 * @return the image names
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	List<String> list(String pool);

	/**
	 * Creates an image with the features ceph-iscsi gives its images
	 * ({@link ImageFeatures#CEPH_ISCSI_DEFAULT}).
	 * @param pool the pool
	 * @param image the image
	 * @param sizeBytes the size, positive
	 * @throws ImageExistsException if an image of that name exists
	 * @throws InvalidImageSizeException if the size is not positive
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	default void create(String pool, String image, long sizeBytes) {
		create(pool, image, sizeBytes, ImageFeatures.CEPH_ISCSI_DEFAULT);
	}

	/**
	 * Creates an image with the given RBD feature bits.
	 * @param pool the pool
	 * @param image the image
	 * @param sizeBytes the size, positive
	 * @param features RBD feature bits ({@link ImageFeatures})
	 * @throws ImageExistsException if an image of that name exists
	 * @throws InvalidImageSizeException if the size is not positive
	 * @throws PoolNotFoundException if the pool does not exist
	 */
	void create(String pool, String image, long sizeBytes, long features);

	/**
	 * Grows an image. Asking for the current size does nothing.
	 * @param pool the pool
	 * @param image the image
	 * @param newSizeBytes the new size
	 * @throws InvalidImageSizeException if the new size is smaller than the current one
	 * @throws ImageNotFoundException if the image does not exist
	 */
	void resize(String pool, String image, long newSizeBytes);

	/**
	 * Creates a snapshot of the image's current content.
	 * @param pool the pool
	 * @param image the image
	 * @param snapshot the snapshot name
	 * @throws SnapshotExistsException if the image has a snapshot of that name
	 * @throws ImageNotFoundException if the image does not exist
	 */
	void createSnapshot(String pool, String image, String snapshot);

	/**
	 * The image's snapshots, oldest first.
	 * @param pool the pool
	 * @param image the image
	 * @return the snapshots
	 * @throws ImageNotFoundException if the image does not exist
	 */
	List<Snapshot> snapshots(String pool, String image);

	/**
	 * Restores the image's content (and size) to a snapshot. The caller must make sure no
	 * client uses the image (ceph-iscsi deactivates the LUN first).
	 * @param pool the pool
	 * @param image the image
	 * @param snapshot the snapshot
	 * @throws SnapshotNotFoundException if there is no such snapshot
	 * @throws ImageBusyException if another client holds the image's exclusive lock
	 * @throws ImageNotFoundException if the image does not exist
	 */
	void rollback(String pool, String image, String snapshot);

	/**
	 * Removes a snapshot.
	 * @param pool the pool
	 * @param image the image
	 * @param snapshot the snapshot
	 * @throws SnapshotNotFoundException if there is no such snapshot
	 * @throws ImageNotFoundException if the image does not exist
	 */
	void removeSnapshot(String pool, String image, String snapshot);

	/**
	 * Deletes an image, retrying while it is busy (still opened by a client that is going
	 * away, e.g. tcmu-runner after the LUN was removed), as ceph-iscsi does with its
	 * {@code time_out} and {@code loop_delay} settings.
	 * @param pool the pool
	 * @param image the image
	 * @param busyTimeout how long to keep retrying while the image is busy
	 * @param retryInterval the pause between attempts
	 * @throws ImageHasSnapshotsException if the image has snapshots (nothing is deleted)
	 * @throws ImageBusyException if it was still busy when the time was up
	 * @throws ImageNotFoundException if the image does not exist
	 */
	void delete(String pool, String image, Duration busyTimeout, Duration retryInterval);

	/**
	 * Deletes an image with ceph-iscsi's default waits (30 s, every 2 s).
	 * @param pool the pool
	 * @param image the image
	 * @see #delete(String, String, Duration, Duration)
	 */
	default void delete(String pool, String image) {
		delete(pool, image, Duration.ofSeconds(30), Duration.ofSeconds(2));
	}

	@Override
	void close();

}
