package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;

/**
 * What a gateway's LIO storage objects are backed by: ceph-iscsi's {@code user:rbd} (TCMU
 * + tcmu-runner's rbd handler) with a Ceph cluster, or {@code fileio} over the embedded
 * image store's sparse files. The LUN, ACL and ALUA layout is the same in both.
 */
public sealed interface DiskBacking permits DiskBacking.Rbd, DiskBacking.Fileio {

	/**
	 * ceph-iscsi's backstore.
	 * @return the RBD backing
	 */
	static DiskBacking rbd() {
		return new Rbd();
	}

	/**
	 * File-backed disks over the embedded image store.
	 * @param imagesRoot the embedded image store's folder ({@code <dataDir>/images})
	 * @return the fileio backing
	 */
	static DiskBacking fileio(Path imagesRoot) {
		return new Fileio(imagesRoot);
	}

	/** {@code user:rbd}: TCMU devices served by tcmu-runner (lio-layout.md §2). */
	record Rbd() implements DiskBacking {
	}

	/**
	 * {@code fileio} over {@code <imagesRoot>/<pool>/<image>/data}, the layout of
	 * ceph-client's {@code FileImageStore}.
	 *
	 * @param imagesRoot the image store's folder
	 */
	record Fileio(Path imagesRoot) implements DiskBacking {

		public Fileio {
			imagesRoot = imagesRoot.toAbsolutePath().normalize();
		}

		/**
		 * The file an image's content lives in.
		 * @param pool the pool
		 * @param image the image
		 * @return the absolute path
		 */
		public Path dataFile(String pool, String image) {
			return this.imagesRoot.resolve(pool).resolve(image).resolve("data");
		}

	}

}
