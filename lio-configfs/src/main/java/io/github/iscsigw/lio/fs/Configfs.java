package io.github.iscsigw.lio.fs;

import java.nio.file.Path;
import java.util.List;

/**
 * The only door to configfs: every read and write of this module goes through it, with
 * paths relative to the LIO root ({@code /sys/kernel/config/target} by default).
 * Implementations: the real filesystem ({@link #at(Path)}), the simulator
 * ({@code sim.SimulatedConfigfs}) and a counting decorator ({@link CountingConfigfs}).
 * Failures are {@link ConfigfsException}s.
 */
public interface Configfs {

	/** Where the kernel mounts LIO's configfs tree. */
	Path DEFAULT_ROOT = Path.of("/sys/kernel/config/target");

	/**
	 * The real configfs (or any directory) at {@code root}.
	 * @param root the LIO root
	 * @return the filesystem
	 */
	static Configfs at(Path root) {
		return new NioConfigfs(root);
	}

	/**
	 * The root directory.
	 * @return the absolute root
	 */
	Path root();

	/**
	 * Lists a directory.
	 * @param dir relative path ("" for the root)
	 * @return entries sorted by name; empty if the directory does not exist
	 */
	List<Entry> list(String dir);

	/**
	 * Whether a path exists (without following a final symlink).
	 * @param path relative path
	 * @return true if present
	 */
	boolean exists(String path);

	/**
	 * Reads an attribute file; one trailing newline (the kernel's) is removed.
	 * @param path relative path
	 * @return the value
	 */
	String read(String path);

	/**
	 * Writes an attribute file in one write call, exactly the given bytes.
	 * @param path relative path
	 * @param value the value (a trailing newline only if the caller adds it)
	 */
	void write(String path, String value);

	/**
	 * Creates a configfs object (directory).
	 * @param path relative path
	 */
	void mkdir(String path);

	/**
	 * Removes a configfs object (directory); user-created children must be gone.
	 * @param path relative path
	 */
	void rmdir(String path);

	/**
	 * Creates a symlink.
	 * @param path relative path of the link
	 * @param target relative path of the object it points to
	 */
	void symlink(String path, String target);

	/**
	 * Reads a symlink.
	 * @param path relative path of the link
	 * @return the relative path of the object it points to
	 */
	String readLink(String path);

	/**
	 * Removes a symlink.
	 * @param path relative path of the link
	 */
	void unlink(String path);

	/**
	 * One directory entry.
	 *
	 * @param name file name
	 * @param kind directory, file or symlink
	 * @param readable owner read permission (configfs: the attribute has a show method)
	 * @param writable owner write permission (configfs: the attribute has a store method)
	 */
	record Entry(String name, Kind kind, boolean readable, boolean writable) {

		/**
		 * Whether this is a directory.
		 * @return true for directories
		 */
		public boolean isDirectory() {
			return this.kind == Kind.DIRECTORY;
		}

		/**
		 * Whether this is a writable and readable attribute file.
		 * @return true for read-write files
		 */
		public boolean isSettable() {
			return this.kind == Kind.FILE && this.readable && this.writable;
		}

	}

	/** Kinds of entries. */
	enum Kind {

		/** A directory (object or default group). */
		DIRECTORY,
		/** An attribute file. */
		FILE,
		/** A symbolic link. */
		SYMLINK

	}

}
