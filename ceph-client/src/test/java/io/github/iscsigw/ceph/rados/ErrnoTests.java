package io.github.iscsigw.ceph.rados;

import com.ceph.rados.exceptions.RadosException;
import org.junit.jupiter.api.Test;

import io.github.iscsigw.ceph.CephAccessDeniedException;
import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephUnavailableException;
import io.github.iscsigw.ceph.image.ImageBusyException;
import io.github.iscsigw.ceph.image.ImageExistsException;
import io.github.iscsigw.ceph.image.ImageHasSnapshotsException;
import io.github.iscsigw.ceph.image.ImageNotFoundException;
import io.github.iscsigw.ceph.image.PoolNotFoundException;
import io.github.iscsigw.ceph.image.SnapshotExistsException;
import io.github.iscsigw.ceph.image.SnapshotNotFoundException;
import io.github.iscsigw.ceph.object.ObjectNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ErrnoTests {

	private static final Errno.Image IMAGE = new Errno.Image("rbd", "disk1");

	private static final Errno.Snapshot SNAPSHOT = new Errno.Snapshot("rbd", "disk1", "snap");

	@Test
	void notFoundDependsOnWhatWasAddressed() {
		assertThat(Errno.exception(-2, new Errno.Pool("p"), "open")).isInstanceOf(PoolNotFoundException.class)
			.hasMessage("pool p does not exist");
		assertThat(Errno.exception(-2, new Errno.RadosObject("rbd", "gateway.conf"), "read"))
			.isInstanceOf(ObjectNotFoundException.class);
		assertThat(Errno.exception(-2, IMAGE, "open")).isInstanceOf(ImageNotFoundException.class)
			.hasMessage("rbd image rbd/disk1 not found");
		assertThat(Errno.exception(-2, SNAPSHOT, "remove")).isInstanceOf(SnapshotNotFoundException.class)
			.hasMessage("snapshot snap does not exist");
		assertThat(Errno.exception(-2, new Errno.Cluster("cluster ceph"), "config-key get"))
			.isExactlyInstanceOf(CephClientException.class);
	}

	@Test
	void existsBusyAndNotEmptyBecomeImageErrors() {
		assertThat(Errno.exception(-17, IMAGE, "create")).isInstanceOf(ImageExistsException.class);
		assertThat(Errno.exception(-17, SNAPSHOT, "create")).isInstanceOf(SnapshotExistsException.class)
			.hasMessage("snapshot snap already exists");
		assertThat(Errno.exception(-16, IMAGE, "delete")).isInstanceOf(ImageBusyException.class);
		// librbd's answer when another client holds the exclusive lock
		assertThat(Errno.exception(-30, SNAPSHOT, "roll back to")).isInstanceOf(ImageBusyException.class);
		assertThat(Errno.exception(-39, IMAGE, "delete")).isInstanceOf(ImageHasSnapshotsException.class)
			.hasMessage("Image has snapshots");
	}

	@Test
	void connectivityAndPermissionErrorsAreTheirOwnKinds() {
		for (int errno : new int[] { 110, 107, 111, 108, 101, 113 }) {
			assertThat(Errno.exception(-errno, IMAGE, "open")).isInstanceOf(CephUnavailableException.class);
		}
		assertThat(Errno.exception(-13, IMAGE, "open")).isInstanceOf(CephAccessDeniedException.class);
		assertThat(Errno.exception(-1, IMAGE, "open")).isInstanceOf(CephAccessDeniedException.class);
	}

	@Test
	void messagesNameTheOperationTheSubjectAndTheErrno() {
		assertThat(Errno.exception(-28, new Errno.RadosObject("rbd", "gateway.conf"), "commit"))
			.isExactlyInstanceOf(CephClientException.class)
			.hasMessage("commit object rbd/gateway.conf failed: no space left on device (errno 28)");
		assertThat(Errno.describe(-4095)).isEqualTo("error (errno 4095)");
	}

	@Test
	void checkPassesResultsThroughAndThrowsOnNegatives() {
		assertThat(Errno.check(5, IMAGE, "x")).isEqualTo(5);
		assertThat(Errno.check(7L, IMAGE, "x")).isEqualTo(7L);
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> Errno.check(-2, IMAGE, "x"));
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> Errno.check(-2L, IMAGE, "x"));
	}

	@Test
	void radosJavaExceptionsKeepTheirCause() {
		RadosException cause = new RadosException("Failed", -2);
		CephClientException translated = Errno.exception(cause, new Errno.Pool("p"), "open");
		assertThat(translated).isInstanceOf(PoolNotFoundException.class).hasCause(cause);
	}

}
