package io.github.iscsigw.gateway.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.github.iscsigw.ceph.image.ImageNotFoundException;
import io.github.iscsigw.ceph.image.ImageStore;
import io.github.iscsigw.ceph.image.PoolNotFoundException;

/**
 * The size of each disk's image (what {@code dev_size}/{@code fd_dev_size} is set to).
 */
@FunctionalInterface
public interface ImageSizes {

	/**
	 * The size of an image.
	 * @param pool the pool
	 * @param image the image
	 * @return the size in bytes, or null if the image does not exist
	 * @throws RuntimeException when it cannot be told (the pass fails and is retried: a
	 * cluster hiccup must not look like a deleted image and unexport the disk)
	 */
	Long size(String pool, String image);

	/**
	 * Sizes from an image store (RBD or embedded).
	 * @param store the store
	 * @return the sizes
	 */
	static ImageSizes of(ImageStore store) {
		return (pool, image) -> {
			try {
				return store.info(pool, image).size();
			}
			catch (ImageNotFoundException | PoolNotFoundException ex) {
				return null;
			}
		};
	}

	/**
	 * Sizes of the embedded store's data files, read directly (no store instance needed).
	 * @param backing the fileio backing
	 * @return the sizes
	 */
	static ImageSizes files(DiskBacking.Fileio backing) {
		return (pool, image) -> {
			Path file;
			try {
				file = backing.dataFile(pool, image);
			}
			catch (RuntimeException ex) {
				return null;
			}
			try {
				return Files.isRegularFile(file) ? Files.size(file) : null;
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot stat " + file, ex);
			}
		};
	}

}
