package io.github.iscsigw.lio.model;

import com.fasterxml.jackson.annotation.JsonValue;

import io.github.iscsigw.lio.LioException;

/**
 * The backstore (LIO "HBA" plugin) of a storage object; the configfs directory of a
 * storage object is {@code core/<type>_<index>/<name>}. Only these two are managed; other
 * backstores (iblock, pscsi, rd_mcp) are never read or changed.
 */
public enum BackstoreType {

	/**
	 * target_core_user (TCMU): ceph-iscsi's {@code user:rbd} disks served by tcmu-runner.
	 */
	USER("user"),
	/** target_core_file: a file on the gateway (embedded mode, tests). */
	FILEIO("fileio");

	private final String dirPrefix;

	BackstoreType(String dirPrefix) {
		this.dirPrefix = dirPrefix;
	}

	/**
	 * The HBA directory prefix and JSON name.
	 * @return {@code user} or {@code fileio}
	 */
	@JsonValue
	public String dirPrefix() {
		return this.dirPrefix;
	}

	/**
	 * Parses a JSON name.
	 * @param name {@code user} or {@code fileio}
	 * @return the type
	 */
	@com.fasterxml.jackson.annotation.JsonCreator
	public static BackstoreType of(String name) {
		for (BackstoreType t : values()) {
			if (t.dirPrefix.equals(name)) {
				return t;
			}
		}
		throw new LioException("unknown backstore type '" + name + "'");
	}

	/**
	 * The type of an HBA directory name such as {@code user_3}, or null if not managed.
	 * @param hbaDir the directory name under {@code core/}
	 * @return the type or null
	 */
	public static BackstoreType ofHbaDir(String hbaDir) {
		int i = hbaDir.lastIndexOf('_');
		if (i <= 0) {
			return null;
		}
		String index = hbaDir.substring(i + 1);
		if (index.isEmpty() || !index.chars().allMatch(Character::isDigit)) {
			return null;
		}
		String prefix = hbaDir.substring(0, i);
		for (BackstoreType t : values()) {
			if (t.dirPrefix.equals(prefix)) {
				return t;
			}
		}
		return null;
	}

}
