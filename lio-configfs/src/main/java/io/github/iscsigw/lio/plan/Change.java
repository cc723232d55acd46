package io.github.iscsigw.lio.plan;

import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NetworkPortal;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.plan.ObjectRef.AclRef;
import io.github.iscsigw.lio.plan.ObjectRef.AluaGroupRef;
import io.github.iscsigw.lio.plan.ObjectRef.DiscoveryRef;
import io.github.iscsigw.lio.plan.ObjectRef.MappedLunRef;
import io.github.iscsigw.lio.plan.ObjectRef.StorageObjectRef;
import io.github.iscsigw.lio.plan.ObjectRef.TpgRef;

/**
 * One step of a {@link Plan}: a value describing a change to LIO. Only
 * {@code apply.Executor} turns steps into filesystem operations. {@link #toString()}
 * never contains a CHAP secret.
 */
public sealed interface Change {

	/**
	 * When the step runs.
	 * @return the phase
	 */
	Phase phase();

	/**
	 * {@code enable=0}.
	 *
	 * @param tpg the TPG
	 */
	record DisableTpg(TpgRef tpg) implements Change {

		@Override
		public Phase phase() {
			return Phase.DISABLE_TPG;
		}

	}

	/**
	 * Removes a mapped LUN.
	 *
	 * @param mappedLun the mapped LUN
	 */
	record DeleteMappedLun(MappedLunRef mappedLun) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_MAPPED_LUN;
		}

	}

	/**
	 * Removes a node ACL (its mapped LUNs are removed by earlier steps).
	 *
	 * @param acl the ACL
	 */
	record DeleteNodeAcl(AclRef acl) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_ACL;
		}

	}

	/**
	 * Removes a LUN.
	 *
	 * @param tpg the TPG
	 * @param lun the LUN id
	 */
	record DeleteLun(TpgRef tpg, int lun) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_LUN;
		}

	}

	/**
	 * Removes a network portal.
	 *
	 * @param tpg the TPG
	 * @param portal the portal
	 */
	record DeletePortal(TpgRef tpg, NetworkPortal portal) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_PORTAL;
		}

	}

	/**
	 * Removes an (emptied) TPG.
	 *
	 * @param tpg the TPG
	 */
	record DeleteTpg(TpgRef tpg) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_TPG;
		}

	}

	/**
	 * Removes an (emptied) target.
	 *
	 * @param iqn the target
	 */
	record DeleteTarget(String iqn) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_TARGET;
		}

	}

	/**
	 * Removes an ALUA group.
	 *
	 * @param group the group
	 */
	record DeleteAluaGroup(AluaGroupRef group) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_ALUA_GROUP;
		}

	}

	/**
	 * Removes a storage object and, when it is its only object, its HBA directory.
	 *
	 * @param id the object
	 */
	record DeleteStorageObject(StorageObjectId id) implements Change {

		@Override
		public Phase phase() {
			return Phase.DELETE_STORAGE_OBJECT;
		}

	}

	/**
	 * Creates a storage object: HBA directory with the lowest free index, object
	 * directory, the {@code control} writes, {@code enable}, then the unit serial
	 * (lio-layout.md §2 steps 1–6). Attributes and ALUA groups follow as separate steps.
	 *
	 * @param storageObject the object
	 */
	record CreateStorageObject(StorageObject storageObject) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_STORAGE_OBJECT;
		}

		@Override
		public String toString() {
			return "CreateStorageObject[" + this.storageObject.id() + ", " + this.storageObject.backstore() + ", wwn="
					+ this.storageObject.wwn() + "]";
		}

	}

	/**
	 * Resizes a TCMU device in place ({@code attrib/dev_size}).
	 *
	 * @param id the object
	 * @param size bytes
	 */
	record ResizeStorageObject(StorageObjectId id, long size) implements Change {

		@Override
		public Phase phase() {
			return Phase.CONFIGURE_STORAGE_OBJECT;
		}

	}

	/**
	 * Creates an ALUA group and writes its {@code tg_pt_gp_id}.
	 *
	 * @param group the group
	 * @param id the id
	 */
	record CreateAluaGroup(AluaGroupRef group, int id) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_ALUA_GROUP;
		}

	}

	/**
	 * Creates a target.
	 *
	 * @param iqn the target
	 */
	record CreateTarget(String iqn) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_TARGET;
		}

	}

	/**
	 * Creates a TPG (disabled).
	 *
	 * @param tpg the TPG
	 */
	record CreateTpg(TpgRef tpg) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_TPG;
		}

	}

	/**
	 * Creates a network portal.
	 *
	 * @param tpg the TPG
	 * @param portal the portal
	 */
	record CreatePortal(TpgRef tpg, NetworkPortal portal) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_PORTAL;
		}

	}

	/**
	 * Creates a LUN pointing to a storage object.
	 *
	 * @param tpg the TPG
	 * @param lun the LUN id
	 * @param storageObject the object
	 */
	record CreateLun(TpgRef tpg, int lun, StorageObjectId storageObject) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_LUN;
		}

	}

	/**
	 * Binds a LUN to an ALUA group ({@code alua_tg_pt_gp}).
	 *
	 * @param tpg the TPG
	 * @param lun the LUN id
	 * @param group the group name
	 */
	record BindAluaGroup(TpgRef tpg, int lun, String group) implements Change {

		@Override
		public Phase phase() {
			return Phase.BIND_ALUA_GROUP;
		}

	}

	/**
	 * Creates a node ACL.
	 *
	 * @param acl the ACL
	 */
	record CreateNodeAcl(AclRef acl) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_ACL;
		}

	}

	/**
	 * Creates a mapped LUN: directory, symlink to the TPG LUN, {@code write_protect}.
	 *
	 * @param acl the ACL
	 * @param mappedLun the mapping
	 */
	record CreateMappedLun(AclRef acl, MappedLun mappedLun) implements Change {

		@Override
		public Phase phase() {
			return Phase.CREATE_MAPPED_LUN;
		}

	}

	/**
	 * Writes one attribute-like file of an object (no trailing newline).
	 *
	 * @param owner the object
	 * @param file path below the object, e.g. {@code attrib/cmd_time_out},
	 * {@code cmdsn_depth}
	 * @param value the value
	 */
	record SetAttribute(ObjectRef owner, String file, String value) implements Change {

		@Override
		public Phase phase() {
			if (this.owner instanceof StorageObjectRef) {
				return Phase.CONFIGURE_STORAGE_OBJECT;
			}
			if (this.owner instanceof AluaGroupRef) {
				return Phase.CONFIGURE_ALUA_GROUP;
			}
			if (this.owner instanceof TpgRef) {
				return Phase.CONFIGURE_TPG;
			}
			if (this.owner instanceof AclRef) {
				return Phase.CONFIGURE_ACL;
			}
			if (this.owner instanceof MappedLunRef) {
				return Phase.CONFIGURE_MAPPED_LUN;
			}
			return Phase.DISCOVERY_AUTH;
		}

	}

	/**
	 * Writes a TPG parameter ({@code param/<name>}, with the trailing newline rtslib
	 * writes).
	 *
	 * @param tpg the TPG
	 * @param name the parameter, e.g. {@code ImmediateData}
	 * @param value the value
	 */
	record SetParameter(TpgRef tpg, String name, String value) implements Change {

		@Override
		public Phase phase() {
			return Phase.CONFIGURE_TPG;
		}

	}

	/**
	 * Writes one CHAP file ({@code auth/<file>} of a TPG or ACL, or a discovery_auth
	 * file), without a trailing newline (the kernel would keep it as part of the value);
	 * an empty value is written as {@code NULL}.
	 *
	 * @param owner a TPG, an ACL or discovery
	 * @param file {@code userid}, {@code password}, {@code userid_mutual} or
	 * {@code password_mutual}
	 * @param value the value
	 */
	record SetAuth(ObjectRef owner, String file, String value) implements Change {

		public SetAuth {
			if (!Chap.FILES.contains(file)) {
				throw new IllegalArgumentException(file);
			}
			if (!(owner instanceof TpgRef || owner instanceof AclRef || owner instanceof DiscoveryRef)) {
				throw new IllegalArgumentException("CHAP belongs to a TPG, an ACL or discovery");
			}
		}

		@Override
		public Phase phase() {
			return (this.owner instanceof TpgRef) ? Phase.CONFIGURE_TPG
					: (this.owner instanceof AclRef) ? Phase.CONFIGURE_ACL : Phase.DISCOVERY_AUTH;
		}

		/**
		 * What is written: the value, or {@code NULL} for an empty one.
		 * @return the bytes to write
		 */
		public String written() {
			return this.value.isEmpty() ? "NULL" : this.value;
		}

		@Override
		public String toString() {
			return "SetAuth[" + this.owner + ", " + this.file + "="
					+ (Chap.isSecret(this.file) && !this.value.isEmpty() ? "***" : written()) + "]";
		}

	}

	/**
	 * {@code enable=1}.
	 *
	 * @param tpg the TPG
	 */
	record EnableTpg(TpgRef tpg) implements Change {

		@Override
		public Phase phase() {
			return Phase.ENABLE_TPG;
		}

	}

}
