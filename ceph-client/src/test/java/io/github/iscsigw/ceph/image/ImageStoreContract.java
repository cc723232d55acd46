package io.github.iscsigw.ceph.image;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link ImageStore} must have, run against each implementation by a
 * subclass (embedded: {@code FileImageStoreTests}, RBD: {@code RbdImageStoreIT}). Both
 * work on a pool {@code rbd}; each test uses its own image names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageStoreContract {

	protected static final String POOL = "rbd";

	protected static final long MIB = 1024 * 1024;

	protected abstract ImageStore store();

	protected static String newImage() {
		return "img-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void poolsExistOrNot() {
		assertThat(store().poolExists(POOL)).isTrue();
		assertThat(store().poolExists("no-such-pool")).isFalse();
		assertThat(store().poolId(POOL)).isNotNegative().isEqualTo(store().poolId(POOL));
		assertThatExceptionOfType(PoolNotFoundException.class).isThrownBy(() -> store().poolId("no-such-pool"))
			.withMessage("pool no-such-pool does not exist");
	}

	@Test
	void anImageIsCreatedWithCephIscsisFeaturesListedAndDeleted() {
		String image = newImage();
		assertThat(store().imageExists(POOL, image)).isFalse();
		store().create(POOL, image, 16 * MIB);
		assertThat(store().imageExists(POOL, image)).isTrue();
		ImageInfo info = store().info(POOL, image);
		assertThat(info).isEqualTo(new ImageInfo(POOL, image, 16 * MIB, ImageFeatures.CEPH_ISCSI_DEFAULT));
		assertThat(info.features()).isEqualTo(61);
		assertThat(info.hasExclusiveLock()).isTrue();
		assertThat(store().list(POOL)).contains(image).isSorted();
		store().delete(POOL, image);
		assertThat(store().imageExists(POOL, image)).isFalse();
		assertThat(store().list(POOL)).doesNotContain(image);
	}

	@Test
	void anImageCanHaveOtherFeatures() {
		String image = newImage();
		store().create(POOL, image, 4 * MIB, ImageFeatures.LAYERING);
		try {
			ImageInfo info = store().info(POOL, image);
			assertThat(info.features()).isEqualTo(ImageFeatures.LAYERING);
			assertThat(info.hasExclusiveLock()).isFalse();
		}
		finally {
			store().delete(POOL, image);
		}
	}

	@Test
	void imagesOnlyGrow() {
		String image = newImage();
		store().create(POOL, image, 8 * MIB);
		try {
			store().resize(POOL, image, 12 * MIB);
			assertThat(store().info(POOL, image).size()).isEqualTo(12 * MIB);
			store().resize(POOL, image, 12 * MIB);
			assertThat(store().info(POOL, image).size()).isEqualTo(12 * MIB);
			assertThatExceptionOfType(InvalidImageSizeException.class)
				.isThrownBy(() -> store().resize(POOL, image, 4 * MIB))
				.satisfies((ex) -> {
					assertThat(ex.currentSize()).isEqualTo(12 * MIB);
					assertThat(ex.requestedSize()).isEqualTo(4 * MIB);
				});
			assertThatExceptionOfType(InvalidImageSizeException.class).isThrownBy(() -> store().resize(POOL, image, 0));
			assertThat(store().info(POOL, image).size()).isEqualTo(12 * MIB);
		}
		finally {
			store().delete(POOL, image);
		}
	}

	@Test
	void snapshotsAreCreatedListedRolledBackToAndRemoved() {
		String image = newImage();
		store().create(POOL, image, 8 * MIB);
		store().createSnapshot(POOL, image, "first");
		store().resize(POOL, image, 16 * MIB);
		store().createSnapshot(POOL, image, "second");
		assertThat(store().snapshots(POOL, image)).containsExactly(new Snapshot("first", 8 * MIB),
				new Snapshot("second", 16 * MIB));
		assertThatExceptionOfType(SnapshotExistsException.class)
			.isThrownBy(() -> store().createSnapshot(POOL, image, "first"))
			.withMessage("snapshot first already exists");

		store().rollback(POOL, image, "first");
		assertThat(store().info(POOL, image).size()).isEqualTo(8 * MIB);

		assertThatExceptionOfType(ImageHasSnapshotsException.class).isThrownBy(() -> store().delete(POOL, image))
			.withMessage("Image has snapshots");
		assertThat(store().imageExists(POOL, image)).isTrue();

		store().removeSnapshot(POOL, image, "first");
		assertThat(store().snapshots(POOL, image)).containsExactly(new Snapshot("second", 16 * MIB));
		store().removeSnapshot(POOL, image, "second");
		assertThat(store().snapshots(POOL, image)).isEmpty();
		store().delete(POOL, image);
		assertThat(store().imageExists(POOL, image)).isFalse();
	}

	@Test
	void missingSnapshotsAreReportedWithCephIscsisMessage() {
		String image = newImage();
		store().create(POOL, image, 4 * MIB);
		try {
			assertThatExceptionOfType(SnapshotNotFoundException.class)
				.isThrownBy(() -> store().rollback(POOL, image, "nope"))
				.withMessage("snapshot nope does not exist");
			assertThatExceptionOfType(SnapshotNotFoundException.class)
				.isThrownBy(() -> store().removeSnapshot(POOL, image, "nope"))
				.withMessage("snapshot nope does not exist");
		}
		finally {
			store().delete(POOL, image);
		}
	}

	@Test
	void missingImagesAndPoolsAreReportedAsSuch() {
		String image = newImage();
		String message = "rbd image " + POOL + "/" + image + " not found";
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> store().info(POOL, image))
			.withMessage(message);
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> store().resize(POOL, image, 8 * MIB));
		assertThatExceptionOfType(ImageNotFoundException.class)
			.isThrownBy(() -> store().createSnapshot(POOL, image, "s"));
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> store().snapshots(POOL, image));
		assertThatExceptionOfType(ImageNotFoundException.class)
			.isThrownBy(() -> store().delete(POOL, image, Duration.ofSeconds(1), Duration.ofMillis(100)));
		assertThatExceptionOfType(PoolNotFoundException.class).isThrownBy(() -> store().list("no-such-pool"));
		assertThatExceptionOfType(PoolNotFoundException.class)
			.isThrownBy(() -> store().create("no-such-pool", image, 4 * MIB));
		assertThatExceptionOfType(PoolNotFoundException.class)
			.isThrownBy(() -> store().imageExists("no-such-pool", image));
	}

	@Test
	void anImageCannotBeCreatedTwiceNorWithoutASize() {
		String image = newImage();
		store().create(POOL, image, 4 * MIB);
		try {
			assertThatExceptionOfType(ImageExistsException.class).isThrownBy(() -> store().create(POOL, image, 8 * MIB))
				.withMessage("rbd image " + POOL + "/" + image + " already exists");
			assertThat(store().info(POOL, image).size()).isEqualTo(4 * MIB);
		}
		finally {
			store().delete(POOL, image);
		}
		assertThatExceptionOfType(InvalidImageSizeException.class).isThrownBy(() -> store().create(POOL, image, 0));
		assertThat(store().imageExists(POOL, image)).isFalse();
	}

	@Test
	void invalidNamesAreRefusedBeforeAnythingHappens() {
		assertThatIllegalArgumentException().isThrownBy(() -> store().create(POOL, "a/b", 4 * MIB));
		assertThatIllegalArgumentException().isThrownBy(() -> store().create(POOL, "a@b", 4 * MIB));
		assertThatIllegalArgumentException().isThrownBy(() -> store().create(POOL, "", 4 * MIB));
		assertThatIllegalArgumentException().isThrownBy(() -> store().create(POOL, "..", 4 * MIB));
		assertThatIllegalArgumentException().isThrownBy(() -> store().imageExists("../etc", "passwd"));
		String image = newImage();
		store().create(POOL, image, 4 * MIB);
		try {
			assertThatIllegalArgumentException().isThrownBy(() -> store().createSnapshot(POOL, image, "x/y"));
			assertThatIllegalArgumentException().isThrownBy(() -> store().createSnapshot(POOL, image, "x@y"));
		}
		finally {
			store().delete(POOL, image);
		}
	}

}
