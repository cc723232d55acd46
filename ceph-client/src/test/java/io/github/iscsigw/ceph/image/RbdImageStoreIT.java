package io.github.iscsigw.ceph.image;

import java.time.Duration;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.testing.MicroCeph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The image contract on RBD (micro-ceph), plus the busy-image case only RBD has: an image
 * still opened by another client is retried, then reported busy.
 */
@Tag("ceph")
@ExtendWith(MicroCeph.class)
class RbdImageStoreIT extends ImageStoreContract {

	private MicroCeph.Cluster micro;

	private CephCluster cluster;

	private RbdImageStore store;

	@BeforeAll
	void connect(MicroCeph.Cluster micro) {
		this.micro = micro;
		this.cluster = CephCluster.connect(micro.settings());
		this.store = this.cluster.imageStore();
	}

	@AfterAll
	void disconnect() {
		if (this.store != null) {
			this.store.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Override
	protected ImageStore store() {
		return this.store;
	}

	@Test
	void anImageOpenedElsewhereIsRetriedThenReportedBusyAndDeletedOnceClosed() throws Exception {
		String image = newImage();
		this.store.create(POOL, image, 4 * MIB);
		try (CephCluster other = CephCluster.connect(this.micro.settings())) {
			Rbd rbd = new Rbd(other.ioContext(POOL));
			RbdImage opened = rbd.open(image);
			long started = System.nanoTime();
			try {
				assertThatExceptionOfType(ImageBusyException.class)
					.isThrownBy(() -> this.store.delete(POOL, image, Duration.ofSeconds(1), Duration.ofMillis(200)))
					.withMessageContaining(POOL + "/" + image);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
						Duration.ofSeconds(15));
				assertThat(this.store.imageExists(POOL, image)).isTrue();
			}
			finally {
				rbd.close(opened);
			}
		}
		this.store.delete(POOL, image, Duration.ofSeconds(30), Duration.ofMillis(200));
		assertThat(this.store.imageExists(POOL, image)).isFalse();
	}

	@Test
	void theRbdCliSeesTheImagesFeaturesAndSnapshots() {
		String image = newImage();
		this.store.create(POOL, image, 8 * MIB);
		try {
			this.store.createSnapshot(POOL, image, "s1");
			String info = this.micro.run("rbd", "info", POOL + "/" + image).orFail().out();
			assertThat(info).contains("size 8 MiB")
				.contains("features: layering, exclusive-lock, object-map, fast-diff, deep-flatten")
				.contains("snapshot_count: 1");
			this.store.removeSnapshot(POOL, image, "s1");
		}
		finally {
			this.store.delete(POOL, image);
		}
	}

}
