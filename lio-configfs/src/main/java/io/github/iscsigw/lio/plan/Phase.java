package io.github.iscsigw.lio.plan;

/**
 * The order in which steps run: deletes first, in reverse dependency order, then creates
 * in forward order, the TPG enabled last (DESIGN.md, lio-layout.md §4.2, §9). Within a
 * phase, steps keep the canonical order of the model.
 */
public enum Phase {

	/** {@code enable=0} on a TPG that will be deleted or must be disabled. */
	DISABLE_TPG,
	/** Remove mapped LUNs (unlink, rmdir). */
	DELETE_MAPPED_LUN,
	/** Remove node ACLs. */
	DELETE_ACL,
	/** Remove LUNs (unlink, rmdir). */
	DELETE_LUN,
	/** Remove network portals. */
	DELETE_PORTAL,
	/** Remove TPGs. */
	DELETE_TPG,
	/** Remove targets. */
	DELETE_TARGET,
	/** Remove ALUA groups. */
	DELETE_ALUA_GROUP,
	/** Remove storage objects (and their HBA directory). */
	DELETE_STORAGE_OBJECT,
	/** Create storage objects: mkdir, control writes, enable, unit serial. */
	CREATE_STORAGE_OBJECT,
	/** Storage object attributes and resizes. */
	CONFIGURE_STORAGE_OBJECT,
	/** Create ALUA groups (mkdir, id). */
	CREATE_ALUA_GROUP,
	/** ALUA group attributes. */
	CONFIGURE_ALUA_GROUP,
	/** Create targets. */
	CREATE_TARGET,
	/** Create TPGs. */
	CREATE_TPG,
	/** TPG auth, attributes and parameters. */
	CONFIGURE_TPG,
	/** Create network portals. */
	CREATE_PORTAL,
	/** Create LUNs (mkdir, symlink to the storage object). */
	CREATE_LUN,
	/** Bind LUNs to ALUA groups. */
	BIND_ALUA_GROUP,
	/** Create node ACLs. */
	CREATE_ACL,
	/** ACL auth, attributes and cmdsn_depth. */
	CONFIGURE_ACL,
	/** Create mapped LUNs (mkdir, symlink, write_protect). */
	CREATE_MAPPED_LUN,
	/** Mapped LUN attributes. */
	CONFIGURE_MAPPED_LUN,
	/** Discovery authentication. */
	DISCOVERY_AUTH,
	/** {@code enable=1}: initiators can log in from here on. */
	ENABLE_TPG

}
