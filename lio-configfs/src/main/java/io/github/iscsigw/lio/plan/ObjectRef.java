package io.github.iscsigw.lio.plan;

import io.github.iscsigw.lio.model.StorageObjectId;

/**
 * Names an object whose files a step writes.
 */
public sealed interface ObjectRef {

	/**
	 * A storage object.
	 *
	 * @param id the object
	 */
	record StorageObjectRef(StorageObjectId id) implements ObjectRef {

		@Override
		public String toString() {
			return this.id.toString();
		}

	}

	/**
	 * An ALUA group of a storage object.
	 *
	 * @param storageObject the object
	 * @param group the group name
	 */
	record AluaGroupRef(StorageObjectId storageObject, String group) implements ObjectRef {

		@Override
		public String toString() {
			return this.storageObject + "/alua/" + this.group;
		}

	}

	/**
	 * A TPG.
	 *
	 * @param iqn the target
	 * @param tag the tag
	 */
	record TpgRef(String iqn, int tag) implements ObjectRef {

		@Override
		public String toString() {
			return this.iqn + "/tpgt_" + this.tag;
		}

	}

	/**
	 * A node ACL.
	 *
	 * @param iqn the target
	 * @param tag the TPG tag
	 * @param initiator the initiator IQN
	 */
	record AclRef(String iqn, int tag, String initiator) implements ObjectRef {

		@Override
		public String toString() {
			return this.iqn + "/tpgt_" + this.tag + "/acls/" + this.initiator;
		}

	}

	/**
	 * A mapped LUN.
	 *
	 * @param iqn the target
	 * @param tag the TPG tag
	 * @param initiator the initiator IQN
	 * @param id the mapped LUN id
	 */
	record MappedLunRef(String iqn, int tag, String initiator, int id) implements ObjectRef {

		@Override
		public String toString() {
			return this.iqn + "/tpgt_" + this.tag + "/acls/" + this.initiator + "/lun_" + this.id;
		}

	}

	/** Global discovery authentication. */
	record DiscoveryRef() implements ObjectRef {

		@Override
		public String toString() {
			return "discovery_auth";
		}

	}

}
