package io.github.iscsigw.lio.sim;

/**
 * Kinds of configfs objects the simulator creates on mkdir.
 */
enum ObjectKind {

	HBA_FILEIO, HBA_USER, HBA_OTHER, SO_FILEIO, SO_USER, SO_OTHER, ALUA_GROUP, TARGET, TPG, PORTAL, LUN, ACL,
	MAPPED_LUN;

	boolean isStorageObject() {
		return this == SO_FILEIO || this == SO_USER || this == SO_OTHER;
	}

}
