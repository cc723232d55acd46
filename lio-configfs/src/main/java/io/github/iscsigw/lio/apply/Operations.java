package io.github.iscsigw.lio.apply;

import java.util.ArrayList;
import java.util.List;

import io.github.iscsigw.lio.fs.ConfigfsPaths;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.plan.Change;
import io.github.iscsigw.lio.plan.Change.BindAluaGroup;
import io.github.iscsigw.lio.plan.Change.CreateAluaGroup;
import io.github.iscsigw.lio.plan.Change.CreateLun;
import io.github.iscsigw.lio.plan.Change.CreateMappedLun;
import io.github.iscsigw.lio.plan.Change.CreateNodeAcl;
import io.github.iscsigw.lio.plan.Change.CreatePortal;
import io.github.iscsigw.lio.plan.Change.CreateStorageObject;
import io.github.iscsigw.lio.plan.Change.CreateTarget;
import io.github.iscsigw.lio.plan.Change.CreateTpg;
import io.github.iscsigw.lio.plan.Change.DeleteAluaGroup;
import io.github.iscsigw.lio.plan.Change.DeleteLun;
import io.github.iscsigw.lio.plan.Change.DeleteMappedLun;
import io.github.iscsigw.lio.plan.Change.DeleteNodeAcl;
import io.github.iscsigw.lio.plan.Change.DeletePortal;
import io.github.iscsigw.lio.plan.Change.DeleteStorageObject;
import io.github.iscsigw.lio.plan.Change.DeleteTarget;
import io.github.iscsigw.lio.plan.Change.DeleteTpg;
import io.github.iscsigw.lio.plan.Change.DisableTpg;
import io.github.iscsigw.lio.plan.Change.EnableTpg;
import io.github.iscsigw.lio.plan.Change.ResizeStorageObject;
import io.github.iscsigw.lio.plan.Change.SetAttribute;
import io.github.iscsigw.lio.plan.Change.SetAuth;
import io.github.iscsigw.lio.plan.Change.SetParameter;
import io.github.iscsigw.lio.plan.ObjectRef;
import io.github.iscsigw.lio.plan.ObjectRef.AclRef;
import io.github.iscsigw.lio.plan.ObjectRef.AluaGroupRef;
import io.github.iscsigw.lio.plan.ObjectRef.MappedLunRef;
import io.github.iscsigw.lio.plan.ObjectRef.StorageObjectRef;
import io.github.iscsigw.lio.plan.ObjectRef.TpgRef;

/**
 * Expands a step into filesystem operations, in the order the kernel (and rtslib) does
 * them.
 */
final class Operations {

	private Operations() {
	}

	static List<Op> of(Change change, Resolver r) {
		List<Op> ops = new ArrayList<>();
		if (change instanceof DisableTpg c) {
			ops.add(new Op.Write(tpg(c.tpg()) + "/enable", "0", false));
		}
		else if (change instanceof DeleteMappedLun c) {
			String p = mappedLun(c.mappedLun());
			ops.add(new Op.UnlinkAll(p));
			ops.add(new Op.Rmdir(p));
		}
		else if (change instanceof DeleteNodeAcl c) {
			ops.add(new Op.Rmdir(acl(c.acl())));
		}
		else if (change instanceof DeleteLun c) {
			String p = ConfigfsPaths.lun(c.tpg().iqn(), c.tpg().tag(), c.lun());
			ops.add(new Op.UnlinkAll(p));
			ops.add(new Op.Rmdir(p));
		}
		else if (change instanceof DeletePortal c) {
			ops.add(new Op.Rmdir(ConfigfsPaths.portal(c.tpg().iqn(), c.tpg().tag(), c.portal())));
		}
		else if (change instanceof DeleteTpg c) {
			ops.add(new Op.Rmdir(tpg(c.tpg())));
		}
		else if (change instanceof DeleteTarget c) {
			ops.add(new Op.Rmdir(ConfigfsPaths.target(c.iqn())));
		}
		else if (change instanceof DeleteAluaGroup c) {
			ops.add(new Op.Rmdir(r.storageObject(c.group().storageObject()) + "/alua/" + c.group().group()));
		}
		else if (change instanceof DeleteStorageObject c) {
			ops.add(new Op.Rmdir(r.storageObject(c.id())));
			String hba = r.removed(c.id());
			if (hba != null) {
				ops.add(new Op.Rmdir(hba));
			}
		}
		else if (change instanceof CreateStorageObject c) {
			StorageObject so = c.storageObject();
			String hba = r.newHba(so.id());
			String p = hba + "/" + so.name();
			ops.add(new Op.Mkdir(hba));
			ops.add(new Op.Mkdir(p));
			for (String w : so.backstore().controlWrites()) {
				ops.add(new Op.Write(p + "/control", w, false));
			}
			// lio-layout.md §2: rtslib appends a newline to enable and vpd_unit_serial
			ops.add(new Op.Write(p + "/enable", "1\n", false));
			if (so.wwn() != null) {
				ops.add(new Op.Write(p + "/wwn/vpd_unit_serial", so.wwn() + "\n", false));
			}
		}
		else if (change instanceof ResizeStorageObject c) {
			ops.add(new Op.Write(r.storageObject(c.id()) + "/attrib/dev_size", Long.toString(c.size()), false));
		}
		else if (change instanceof CreateAluaGroup c) {
			String p = r.storageObject(c.group().storageObject()) + "/alua/" + c.group().group();
			ops.add(new Op.Mkdir(p));
			ops.add(new Op.Write(p + "/tg_pt_gp_id", Integer.toString(c.id()), false));
		}
		else if (change instanceof CreateTarget c) {
			ops.add(new Op.Mkdir(ConfigfsPaths.target(c.iqn())));
		}
		else if (change instanceof CreateTpg c) {
			ops.add(new Op.Mkdir(tpg(c.tpg())));
		}
		else if (change instanceof CreatePortal c) {
			ops.add(new Op.Mkdir(ConfigfsPaths.portal(c.tpg().iqn(), c.tpg().tag(), c.portal())));
		}
		else if (change instanceof CreateLun c) {
			String p = ConfigfsPaths.lun(c.tpg().iqn(), c.tpg().tag(), c.lun());
			String so = r.storageObject(c.storageObject());
			ops.add(new Op.Mkdir(p));
			ops.add(new Op.Symlink(p + "/" + ConfigfsPaths.linkName(c.storageObject().toString()), so));
		}
		else if (change instanceof BindAluaGroup c) {
			ops.add(new Op.Write(ConfigfsPaths.lun(c.tpg().iqn(), c.tpg().tag(), c.lun()) + "/alua_tg_pt_gp", c.group(),
					false));
		}
		else if (change instanceof CreateNodeAcl c) {
			ops.add(new Op.Mkdir(acl(c.acl())));
		}
		else if (change instanceof CreateMappedLun c) {
			AclRef a = c.acl();
			String p = ConfigfsPaths.mappedLun(a.iqn(), a.tag(), a.initiator(), c.mappedLun().id());
			String lun = ConfigfsPaths.lun(a.iqn(), a.tag(), c.mappedLun().tpgLun());
			ops.add(new Op.Mkdir(p));
			ops.add(new Op.Symlink(p + "/" + ConfigfsPaths.linkName(lun), lun));
			ops.add(new Op.Write(p + "/write_protect", c.mappedLun().writeProtect() ? "1" : "0", false));
		}
		else if (change instanceof SetAttribute c) {
			ops.add(new Op.Write(owner(c.owner(), r) + "/" + c.file(), c.value(), false));
		}
		else if (change instanceof SetParameter c) {
			ops.add(new Op.Write(tpg(c.tpg()) + "/param/" + c.name(), c.value() + "\n", false));
		}
		else if (change instanceof SetAuth c) {
			String dir = (c.owner() instanceof ObjectRef.DiscoveryRef) ? ConfigfsPaths.DISCOVERY_AUTH
					: owner(c.owner(), r) + "/auth";
			// no trailing newline: the kernel would keep it as part of the user name or
			// secret
			ops.add(new Op.Write(dir + "/" + c.file(), c.written(), Chap.isSecret(c.file())));
		}
		else if (change instanceof EnableTpg c) {
			ops.add(new Op.Write(tpg(c.tpg()) + "/enable", "1", false));
		}
		else {
			throw new IllegalStateException("unknown step " + change);
		}
		return ops;
	}

	private static String owner(ObjectRef ref, Resolver r) {
		if (ref instanceof StorageObjectRef s) {
			return r.storageObject(s.id());
		}
		if (ref instanceof AluaGroupRef g) {
			return r.storageObject(g.storageObject()) + "/alua/" + g.group();
		}
		if (ref instanceof TpgRef t) {
			return tpg(t);
		}
		if (ref instanceof AclRef a) {
			return acl(a);
		}
		if (ref instanceof MappedLunRef m) {
			return mappedLun(m);
		}
		return ConfigfsPaths.DISCOVERY_AUTH;
	}

	private static String tpg(TpgRef t) {
		return ConfigfsPaths.tpg(t.iqn(), t.tag());
	}

	private static String acl(AclRef a) {
		return ConfigfsPaths.acl(a.iqn(), a.tag(), a.initiator());
	}

	private static String mappedLun(MappedLunRef m) {
		return ConfigfsPaths.mappedLun(m.iqn(), m.tag(), m.initiator(), m.id());
	}

}
