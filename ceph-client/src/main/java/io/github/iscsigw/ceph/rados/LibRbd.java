package io.github.iscsigw.ceph.rados;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librbd C calls that rados-java 0.6.0 does not offer (or offers wrongly). Internal
 * to this module; obtain it through {@link NativeLibraries#rbd()}.
 */
public interface LibRbd extends Library {

	/** Size of {@code rbd_snap_info_t}: {@code uint64_t id, size; const char *name}. */
	int SNAP_INFO_SIZE = 24;

	int rbd_open(Pointer io, String name, PointerByReference image, String snapName);

	int rbd_open_read_only(Pointer io, String name, PointerByReference image, String snapName);

	int rbd_close(Pointer image);

	int rbd_get_features(Pointer image, LongByReference features);

	int rbd_get_size(Pointer image, LongByReference size);

	int rbd_snap_list(Pointer image, Pointer snaps, IntByReference maxSnaps);

	void rbd_snap_list_end(Pointer snaps);

}
