package io.github.iscsigw.lio.fs;

import io.github.iscsigw.lio.model.NetworkPortal;

/**
 * Where each LIO object lives, relative to the LIO root (lio-layout.md). Storage objects
 * are under {@code core/<type>_<index>/<name>}; their index is found by
 * {@code apply.Executor}.
 */
public final class ConfigfsPaths {

	/** The iSCSI fabric directory. */
	public static final String ISCSI = "iscsi";

	/** The backstore directory. */
	public static final String CORE = "core";

	/** Global discovery authentication. */
	public static final String DISCOVERY_AUTH = "iscsi/discovery_auth";

	private ConfigfsPaths() {
	}

	/**
	 * @param iqn target IQN
	 * @return {@code iscsi/<iqn>}
	 */
	public static String target(String iqn) {
		return ISCSI + "/" + iqn;
	}

	/**
	 * @param iqn target IQN
	 * @param tag TPG tag
	 * @return {@code iscsi/<iqn>/tpgt_<tag>}
	 */
	public static String tpg(String iqn, int tag) {
		return target(iqn) + "/tpgt_" + tag;
	}

	/**
	 * @param iqn target IQN
	 * @param tag TPG tag
	 * @param portal the portal
	 * @return {@code .../np/<ip>:<port>}
	 */
	public static String portal(String iqn, int tag, NetworkPortal portal) {
		return tpg(iqn, tag) + "/np/" + portal.dirName();
	}

	/**
	 * @param iqn target IQN
	 * @param tag TPG tag
	 * @param lun LUN id
	 * @return {@code .../lun/lun_<id>}
	 */
	public static String lun(String iqn, int tag, int lun) {
		return tpg(iqn, tag) + "/lun/lun_" + lun;
	}

	/**
	 * @param iqn target IQN
	 * @param tag TPG tag
	 * @param initiator initiator IQN
	 * @return {@code .../acls/<initiator>}
	 */
	public static String acl(String iqn, int tag, String initiator) {
		return tpg(iqn, tag) + "/acls/" + initiator;
	}

	/**
	 * @param iqn target IQN
	 * @param tag TPG tag
	 * @param initiator initiator IQN
	 * @param mappedLun mapped LUN id
	 * @return {@code .../acls/<initiator>/lun_<id>}
	 */
	public static String mappedLun(String iqn, int tag, String initiator, int mappedLun) {
		return acl(iqn, tag, initiator) + "/lun_" + mappedLun;
	}

	/**
	 * A stable, short name for the symlink inside a LUN or mapped-LUN directory (rtslib
	 * uses 10 random characters; the name carries no meaning, any name is accepted on
	 * reading).
	 * @param target what the link points to
	 * @return ten hex digits
	 */
	public static String linkName(String target) {
		long h = 1125899906842597L;
		for (int i = 0; i < target.length(); i++) {
			h = 31 * h + target.charAt(i);
		}
		return String.format("%010x", h & 0xffffffffffL);
	}

}
