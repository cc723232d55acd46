package io.github.iscsigw.lio.apply;

/**
 * One filesystem operation a step expands to. Paths are relative to the LIO root.
 */
public sealed interface Op {

	/**
	 * The path operated on.
	 * @return relative path
	 */
	String path();

	/**
	 * The value shown in reports (secrets redacted), or null.
	 * @return the shown value
	 */
	default String shownValue() {
		return null;
	}

	/**
	 * mkdir.
	 *
	 * @param path the object
	 */
	record Mkdir(String path) implements Op {
	}

	/**
	 * rmdir.
	 *
	 * @param path the object
	 */
	record Rmdir(String path) implements Op {
	}

	/**
	 * One write of exactly {@code value}.
	 *
	 * @param path the file
	 * @param value the bytes (including a trailing newline if the kernel wants one)
	 * @param secret whether to redact the value in reports
	 */
	record Write(String path, String value, boolean secret) implements Op {

		@Override
		public String shownValue() {
			return this.secret ? "***" : this.value.replace("\n", "\\n");
		}

		@Override
		public String toString() {
			return "Write[" + this.path + ", " + shownValue() + "]";
		}

	}

	/**
	 * symlink.
	 *
	 * @param path the link
	 * @param target what it points to
	 */
	record Symlink(String path, String target) implements Op {

		@Override
		public String shownValue() {
			return this.target;
		}

	}

	/**
	 * Removes the symlink(s) in a LUN or mapped-LUN directory (their names are not ours
	 * to know: rtslib picks random ones).
	 *
	 * @param path the LUN directory
	 */
	record UnlinkAll(String path) implements Op {
	}

}
