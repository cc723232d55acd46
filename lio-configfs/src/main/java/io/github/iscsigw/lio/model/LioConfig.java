package io.github.iscsigw.lio.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.iscsigw.lio.LioException;

/**
 * The LIO configuration of one node, as far as this module manages it: storage objects,
 * iSCSI targets and discovery authentication. Used both as the desired state (built by
 * the reconciler, or read from JSON by the CLI) and as the observed state (read from
 * configfs). Children are kept in canonical order, so {@code equals} means "same
 * configuration".
 *
 * @param storageObjects storage objects
 * @param targets iSCSI targets
 * @param discoveryAuth discovery authentication, or null to leave it alone
 * @param unmanaged objects to leave alone
 */
public record LioConfig(List<StorageObject> storageObjects, List<Target> targets, DiscoveryAuth discoveryAuth,
		Unmanaged unmanaged) {

	/** Nothing at all. */
	public static final LioConfig EMPTY = new LioConfig(List.of(), List.of(), null, null);

	public LioConfig {
		storageObjects = Names.sorted("storage object", storageObjects, StorageObject::id);
		targets = Names.sorted("target", targets, Target::iqn);
		unmanaged = (unmanaged == null) ? Unmanaged.NONE : unmanaged;
	}

	/**
	 * The storage object with that id, or null.
	 * @param id an id
	 * @return the object or null
	 */
	public StorageObject storageObject(StorageObjectId id) {
		return Names.find(this.storageObjects, id, StorageObject::id);
	}

	/**
	 * The target with that IQN, or null.
	 * @param iqn an IQN
	 * @return the target or null
	 */
	public Target target(String iqn) {
		return Names.find(this.targets, Names.iqn(iqn), Target::iqn);
	}

	/**
	 * Checks the references a desired configuration must satisfy: every LUN points to a
	 * storage object of this configuration and is bound to one of its ALUA groups (or the
	 * default), every mapped LUN maps a LUN of its TPG.
	 * @return this
	 */
	public LioConfig validateReferences() {
		Set<StorageObjectId> ids = new HashSet<>();
		this.storageObjects.forEach((so) -> ids.add(so.id()));
		for (Target t : this.targets) {
			for (Tpg tpg : t.tpgs()) {
				tpg.validateReferences(t.iqn());
				for (Lun lun : tpg.luns()) {
					StorageObject so = storageObject(lun.storageObjectId());
					if (so == null) {
						throw new LioException("LUN " + lun.id() + " of " + t.iqn() + "/tpgt_" + tpg.tag()
								+ " points to unknown storage object " + lun.storageObjectId());
					}
					if (lun.aluaGroup() != null && !AluaGroup.DEFAULT_GROUP.equals(lun.aluaGroup())
							&& so.aluaGroup(lun.aluaGroup()) == null) {
						throw new LioException("LUN " + lun.id() + " of " + t.iqn() + "/tpgt_" + tpg.tag()
								+ " is bound to unknown ALUA group " + lun.aluaGroup());
					}
				}
			}
		}
		return this;
	}

}
