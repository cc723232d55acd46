package io.github.iscsigw.ceph.rados;

import com.sun.jna.Native;

import io.github.iscsigw.ceph.CephUnavailableException;

/**
 * Loads {@code librados.so.2} and {@code librbd.so.1} on first use. Debian's librados2
 * and librbd1 ship only the versioned names (the unversioned symlinks are in the -dev
 * packages), so those are loaded explicitly. A missing library becomes a clear
 * {@link CephUnavailableException} instead of a class-initialisation error.
 */
public final class NativeLibraries {

	private NativeLibraries() {
	}

	/**
	 * The librados bindings.
	 * @return the loaded library
	 * @throws CephUnavailableException if librados is not installed
	 */
	public static LibRados rados() {
		return Rados.get();
	}

	/**
	 * The librbd bindings.
	 * @return the loaded library
	 * @throws CephUnavailableException if librbd is not installed
	 */
	public static LibRbd rbd() {
		return Rbd.get();
	}

	private static <T extends com.sun.jna.Library> T load(String name, Class<T> type) {
		try {
			return Native.load(name, type);
		}
		catch (UnsatisfiedLinkError ex) {
			return null;
		}
	}

	private static final class Rados {

		private static final LibRados INSTANCE = load("librados.so.2", LibRados.class);

		static LibRados get() {
			if (INSTANCE == null) {
				throw new CephUnavailableException(
						"librados.so.2 is not installed (Debian package librados2; see scripts/deps/ceph.sh)");
			}
			return INSTANCE;
		}

	}

	private static final class Rbd {

		private static final LibRbd INSTANCE = load("librbd.so.1", LibRbd.class);

		static LibRbd get() {
			if (INSTANCE == null) {
				throw new CephUnavailableException(
						"librbd.so.1 is not installed (Debian package librbd1; see scripts/deps/ceph.sh)");
			}
			return INSTANCE;
		}

	}

}
