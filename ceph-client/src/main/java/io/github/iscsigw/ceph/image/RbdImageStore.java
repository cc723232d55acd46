package io.github.iscsigw.ceph.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.rados.Errno;
import io.github.iscsigw.ceph.rados.LibRbd;
import io.github.iscsigw.ceph.rados.NativeLibraries;

/**
 * {@link ImageStore} on RBD: rados-java for create, remove, list, open, resize and
 * snapshot create/remove/rollback; own bindings for features, size and the snapshot list.
 * Usually made by {@link CephCluster#imageStore()}.
 */
public final class RbdImageStore implements ImageStore {

	private final CephCluster cluster;

	private final LibRbd lib = NativeLibraries.rbd();

	/**
	 * An image store on a connected cluster.
	 * @param cluster the connection (not closed by this store)
	 */
	public RbdImageStore(CephCluster cluster) {
		this.cluster = cluster;
	}

	@Override
	public boolean poolExists(String pool) {
		try {
			this.cluster.poolId(Names.pool(pool));
			return true;
		}
		catch (PoolNotFoundException ex) {
			return false;
		}
	}

	@Override
	public long poolId(String pool) {
		return this.cluster.poolId(Names.pool(pool));
	}

	@Override
	public boolean imageExists(String pool, String image) {
		try (Opened opened = open(pool, image, true)) {
			return true;
		}
		catch (ImageNotFoundException ex) {
			return false;
		}
	}

	@Override
	public ImageInfo info(String pool, String image) {
		try (Opened opened = open(pool, image, true)) {
			return new ImageInfo(pool, image, size(opened), features(opened));
		}
	}

	@Override
	public List<String> list(String pool) {
		try {
			String[] names = rbd(pool).list();
			List<String> sorted = new ArrayList<>(Arrays.asList(names));
			sorted.removeIf(String::isEmpty);
			sorted.sort(null);
			return sorted;
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Pool(pool), "list images of");
		}
	}

	@Override
	public void create(String pool, String image, long sizeBytes, long features) {
		Names.size(sizeBytes);
		try {
			// order 0: the default object size (4 MiB), as ceph-iscsi leaves it
			rbd(pool).create(Names.image(image), sizeBytes, features, 0);
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Image(pool, image), "create");
		}
	}

	@Override
	public void resize(String pool, String image, long newSizeBytes) {
		Names.size(newSizeBytes);
		try (Opened opened = open(pool, image, false)) {
			long current = size(opened);
			if (newSizeBytes < current) {
				throw new InvalidImageSizeException("cannot shrink rbd image " + pool + "/" + image + " from " + current
						+ " to " + newSizeBytes + " bytes", current, newSizeBytes);
			}
			if (newSizeBytes > current) {
				opened.image.resize(newSizeBytes);
			}
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Image(pool, image), "resize");
		}
	}

	@Override
	public void createSnapshot(String pool, String image, String snapshot) {
		Names.snapshot(snapshot);
		try (Opened opened = open(pool, image, false)) {
			opened.image.snapCreate(snapshot);
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Snapshot(pool, image, snapshot), "create");
		}
	}

	@Override
	public List<Snapshot> snapshots(String pool, String image) {
		try (Opened opened = open(pool, image, true)) {
			return snapshots(opened);
		}
	}

	private List<Snapshot> snapshots(Opened opened) {
		int max = 16;
		for (int attempt = 0; attempt < 8; attempt++) {
			IntByReference count = new IntByReference(max);
			Memory infos = new Memory((long) max * LibRbd.SNAP_INFO_SIZE);
			int rc = this.lib.rbd_snap_list(opened.image.getPointer(), infos, count);
			if (rc == -Errno.ERANGE) {
				max = Math.max(max * 2, count.getValue());
				continue;
			}
			Errno.check(rc, opened.subject, "list the snapshots of");
			try {
				List<Snapshot> snapshots = new ArrayList<>(rc);
				for (int i = 0; i < rc; i++) {
					long offset = (long) i * LibRbd.SNAP_INFO_SIZE;
					long size = infos.getLong(offset + 8);
					Pointer name = infos.getPointer(offset + 16);
					snapshots.add(new Snapshot(name.getString(0, "UTF-8"), size));
				}
				// librbd lists by id, i.e. in creation order
				return snapshots;
			}
			finally {
				this.lib.rbd_snap_list_end(infos);
			}
		}
		throw new CephClientException("cannot list the snapshots of " + opened.subject.describe());
	}

	@Override
	public void rollback(String pool, String image, String snapshot) {
		Names.snapshot(snapshot);
		try (Opened opened = open(pool, image, false)) {
			requireSnapshot(opened, pool, image, snapshot);
			opened.image.snapRollBack(snapshot);
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Snapshot(pool, image, snapshot), "roll back to");
		}
	}

	@Override
	public void removeSnapshot(String pool, String image, String snapshot) {
		Names.snapshot(snapshot);
		try (Opened opened = open(pool, image, false)) {
			requireSnapshot(opened, pool, image, snapshot);
			opened.image.snapRemove(snapshot);
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, new Errno.Snapshot(pool, image, snapshot), "remove");
		}
	}

	private void requireSnapshot(Opened opened, String pool, String image, String snapshot) {
		// librbd's answer to a missing snapshot differs between calls (ENOENT, EINVAL)
		if (snapshots(opened).stream().noneMatch((snap) -> snap.name().equals(snapshot))) {
			throw new SnapshotNotFoundException(pool, image, snapshot);
		}
	}

	@Override
	public void delete(String pool, String image, Duration busyTimeout, Duration retryInterval) {
		try (Opened opened = open(pool, image, true)) {
			if (!snapshots(opened).isEmpty()) {
				throw new ImageHasSnapshotsException(pool, image);
			}
		}
		Rbd rbd = rbd(pool);
		long deadline = System.nanoTime() + busyTimeout.toNanos();
		Errno.Image subject = new Errno.Image(pool, image);
		while (true) {
			try {
				rbd.remove(image);
				return;
			}
			catch (RbdException ex) {
				int errno = Math.abs(ex.getReturnValue());
				boolean busy = errno == Errno.EBUSY || errno == Errno.EAGAIN;
				if (!busy || System.nanoTime() - deadline >= 0) {
					CephClientException translated = Errno.exception(ex, subject, "delete");
					if (busy) {
						throw new ImageBusyException(pool, image,
								"still in use after " + busyTimeout.toSeconds() + "s (it has watchers)");
					}
					throw translated;
				}
			}
			try {
				TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(retryInterval.toMillis(),
						TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new CephClientException("interrupted while deleting " + subject.describe(), ex);
			}
		}
	}

	@Override
	public void close() {
		// the cluster connection belongs to the caller
	}

	private Rbd rbd(String pool) {
		return new Rbd(this.cluster.ioContext(Names.pool(pool)));
	}

	private long size(Opened opened) {
		LongByReference size = new LongByReference();
		Errno.check(this.lib.rbd_get_size(opened.image.getPointer(), size), opened.subject, "get the size of");
		return size.getValue();
	}

	private long features(Opened opened) {
		LongByReference features = new LongByReference();
		Errno.check(this.lib.rbd_get_features(opened.image.getPointer(), features), opened.subject,
				"get the features of");
		return features.getValue();
	}

	private Opened open(String pool, String image, boolean readOnly) {
		Names.image(image);
		Rbd rbd = rbd(pool);
		Errno.Image subject = new Errno.Image(pool, image);
		try {
			return new Opened(rbd, readOnly ? rbd.openReadOnly(image) : rbd.open(image), subject);
		}
		catch (RbdException ex) {
			throw Errno.exception(ex, subject, "open");
		}
	}

	/** An open image, closed by try-with-resources. */
	private static final class Opened implements AutoCloseable {

		final Rbd rbd;

		final RbdImage image;

		final Errno.Image subject;

		Opened(Rbd rbd, RbdImage image, Errno.Image subject) {
			this.rbd = rbd;
			this.image = image;
			this.subject = subject;
		}

		@Override
		public void close() {
			try {
				this.rbd.close(this.image);
			}
			catch (RbdException ex) {
				throw Errno.exception(ex, this.subject, "close");
			}
		}

	}

}
