package io.github.iscsigw.lio.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A LUN of a TPG ({@code lun/lun_<id>}, holding a symlink to its storage object).
 *
 * @param id the LUN number
 * @param backstore the storage object's backstore type
 * @param storageObject the storage object's name
 * @param aluaGroup the ALUA group the LUN is bound to ({@code alua_tg_pt_gp}), or null to
 * leave the binding alone; {@value AluaGroup#DEFAULT_GROUP} is the kernel's group
 */
public record Lun(int id, BackstoreType backstore, String storageObject, String aluaGroup) implements Comparable<Lun> {

	public Lun {
		Names.range("LUN", id, 0, 65535);
		new StorageObjectId(backstore, storageObject);
		if (aluaGroup != null) {
			Names.objectName("ALUA group", aluaGroup);
		}
	}

	/**
	 * The storage object this LUN points to.
	 * @return the id
	 */
	@JsonIgnore
	public StorageObjectId storageObjectId() {
		return new StorageObjectId(this.backstore, this.storageObject);
	}

	@Override
	public int compareTo(Lun o) {
		return Integer.compare(this.id, o.id);
	}

}
