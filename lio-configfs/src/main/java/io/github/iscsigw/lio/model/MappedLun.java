package io.github.iscsigw.lio.model;

/**
 * A LUN as one initiator sees it ({@code acls/<iqn>/lun_<id>}, a symlink to the TPG's
 * LUN).
 *
 * @param id the LUN number the initiator sees
 * @param tpgLun the TPG LUN it maps
 * @param writeProtect read-only for this initiator
 */
public record MappedLun(int id, int tpgLun, boolean writeProtect) implements Comparable<MappedLun> {

	public MappedLun {
		Names.range("mapped LUN", id, 0, 65535);
		Names.range("LUN", tpgLun, 0, 65535);
	}

	/**
	 * A writable mapping with the same number as the TPG LUN.
	 * @param lun the TPG LUN
	 * @return the mapping
	 */
	public static MappedLun of(int lun) {
		return new MappedLun(lun, lun, false);
	}

	@Override
	public int compareTo(MappedLun o) {
		return Integer.compare(this.id, o.id);
	}

}
