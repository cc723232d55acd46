package io.github.iscsigw.lio.model;

/**
 * Identity of a storage object: backstore type and name (the HBA index is not part of it;
 * it may differ between gateways and means nothing).
 *
 * @param type the backstore
 * @param name the object name, e.g. {@code rbd.disk_1}
 */
public record StorageObjectId(BackstoreType type, String name) implements Comparable<StorageObjectId> {

	public StorageObjectId {
		if (type == null) {
			throw new io.github.iscsigw.lio.LioException("storage object type is missing");
		}
		Names.objectName("storage object", name);
	}

	@Override
	public int compareTo(StorageObjectId o) {
		int c = this.type.compareTo(o.type);
		return (c != 0) ? c : this.name.compareTo(o.name);
	}

	@Override
	public String toString() {
		return this.type.dirPrefix() + "/" + this.name;
	}

}
