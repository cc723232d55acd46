package io.github.iscsigw.lio.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.DiscoveryAuth;
import io.github.iscsigw.lio.model.FileioBackstore;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.Lun;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NetworkPortal;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.UserBackstore;
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
import io.github.iscsigw.lio.plan.ObjectRef.AclRef;
import io.github.iscsigw.lio.plan.ObjectRef.AluaGroupRef;
import io.github.iscsigw.lio.plan.ObjectRef.DiscoveryRef;
import io.github.iscsigw.lio.plan.ObjectRef.MappedLunRef;
import io.github.iscsigw.lio.plan.ObjectRef.StorageObjectRef;
import io.github.iscsigw.lio.plan.ObjectRef.TpgRef;

/**
 * The pure differ: {@code plan(observed, desired)} returns the ordered steps that make
 * LIO look like {@code desired}. Deterministic, no I/O. Values the desired state does not
 * name (attributes, parameters, null fields) are left as they are; objects the observed
 * state has and the desired one lacks are deleted (the reader never reports objects that
 * are not ours, see {@code model.Unmanaged}).
 *
 * <p>
 * A storage object is re-created (with its LUNs and mapped LUNs) when something that can
 * only be set before it is enabled or exported changes: its {@code control} values, its
 * unit serial, or an export-locked attribute such as TCMU's {@code cmd_time_out} (the
 * kernel refuses those with EINVAL while LUNs exist; ceph-iscsi reconfigures disks the
 * same way, lio-layout.md §2).
 */
public final class Planner {

	/**
	 * Storage object attributes the kernel only accepts while the object has no LUN
	 * (target_core returns EINVAL otherwise); changing one re-creates the object.
	 */
	public static final Set<String> EXPORT_LOCKED_ATTRIBUTES = Set.of("cmd_time_out", "block_size");

	private Planner() {
	}

	/**
	 * Computes the plan.
	 * @param observed what configfs holds (from {@code observe.ConfigfsReader})
	 * @param desired what it should hold
	 * @return the ordered steps; empty when nothing differs
	 */
	public static Plan plan(LioConfig observed, LioConfig desired) {
		desired.validateReferences();
		return new Diff(desired).run(observed);
	}

	private static final class Diff {

		private final LioConfig desired;

		private final List<Change> out = new ArrayList<>();

		private final Set<StorageObjectId> recreated = new HashSet<>();

		private final Map<StorageObjectId, Set<String>> recreatedGroups = new HashMap<>();

		Diff(LioConfig desired) {
			this.desired = desired;
		}

		Plan run(LioConfig observed) {
			for (StorageObject o : observed.storageObjects()) {
				if (this.desired.unmanaged().storageObject(o.id())) {
					continue;
				}
				StorageObject d = this.desired.storageObject(o.id());
				if (d == null) {
					deleteStorageObject(o);
				}
				else if (needsRecreate(o, d)) {
					deleteStorageObject(o);
					this.recreated.add(o.id());
					createStorageObject(d);
				}
				else {
					updateStorageObject(o, d);
				}
			}
			for (StorageObject d : this.desired.storageObjects()) {
				if (observed.storageObject(d.id()) == null) {
					createStorageObject(d);
				}
			}
			for (Target o : observed.targets()) {
				if (this.desired.unmanaged().target(o.iqn())) {
					continue;
				}
				Target d = this.desired.target(o.iqn());
				if (d == null) {
					o.tpgs().forEach((t) -> deleteTpg(o.iqn(), t));
					this.out.add(new DeleteTarget(o.iqn()));
				}
				else {
					updateTarget(o, d);
				}
			}
			for (Target d : this.desired.targets()) {
				if (observed.target(d.iqn()) == null) {
					this.out.add(new CreateTarget(d.iqn()));
					d.tpgs().forEach((t) -> createTpg(d.iqn(), t));
				}
			}
			if (this.desired.discoveryAuth() != null) {
				DiscoveryAuth o = (observed.discoveryAuth() != null) ? observed.discoveryAuth() : DiscoveryAuth.NONE;
				DiscoveryAuth d = this.desired.discoveryAuth();
				chap(new DiscoveryRef(), o.chap(), d.chap());
				if (o.enforce() != d.enforce()) {
					this.out
						.add(new SetAttribute(new DiscoveryRef(), "enforce_discovery_auth", d.enforce() ? "1" : "0"));
				}
			}
			return new Plan(this.out);
		}

		// ---- storage objects ----

		private static boolean needsRecreate(StorageObject o, StorageObject d) {
			if (!o.enabled()) {
				return true;
			}
			if (d.backstore() instanceof UserBackstore u) {
				if (!u.sameExceptSize(o.backstore())) {
					return true;
				}
			}
			else if (d.backstore() instanceof FileioBackstore && !d.backstore().equals(o.backstore())) {
				return true;
			}
			if (d.wwn() != null && !d.wwn().equals(o.wwn())) {
				return true;
			}
			for (String k : EXPORT_LOCKED_ATTRIBUTES) {
				String v = d.attributes().get(k);
				if (v != null && !v.equals(o.attributes().get(k))) {
					return true;
				}
			}
			return false;
		}

		private void deleteStorageObject(StorageObject o) {
			for (AluaGroup g : o.aluaGroups()) {
				this.out.add(new DeleteAluaGroup(new AluaGroupRef(o.id(), g.name())));
			}
			this.out.add(new DeleteStorageObject(o.id()));
		}

		private void createStorageObject(StorageObject d) {
			this.out.add(new CreateStorageObject(d));
			d.attributes()
				.forEach((k, v) -> this.out.add(new SetAttribute(new StorageObjectRef(d.id()), "attrib/" + k, v)));
			d.aluaGroups().forEach((g) -> createAluaGroup(d.id(), g));
		}

		private void createAluaGroup(StorageObjectId so, AluaGroup g) {
			AluaGroupRef ref = new AluaGroupRef(so, g.name());
			this.out.add(new CreateAluaGroup(ref, g.id()));
			aluaAttributes(ref, Map.of(), g.attributes());
		}

		private void aluaAttributes(AluaGroupRef ref, Map<String, String> o, Map<String, String> d) {
			for (String k : AluaGroup.WRITE_ORDER) {
				String v = d.get(k);
				if (v != null && !v.equals(o.get(k))) {
					this.out.add(new SetAttribute(ref, k, v));
				}
			}
		}

		private void updateStorageObject(StorageObject o, StorageObject d) {
			if (d.backstore() instanceof UserBackstore u && o.backstore() instanceof UserBackstore ou
					&& u.devSize() != ou.devSize()) {
				this.out.add(new ResizeStorageObject(d.id(), u.devSize()));
			}
			attributes(new StorageObjectRef(d.id()), "attrib/", o.attributes(), d.attributes());
			for (AluaGroup og : o.aluaGroups()) {
				if (d.aluaGroup(og.name()) == null) {
					this.out.add(new DeleteAluaGroup(new AluaGroupRef(o.id(), og.name())));
				}
			}
			for (AluaGroup dg : d.aluaGroups()) {
				AluaGroup og = o.aluaGroup(dg.name());
				if (og == null) {
					createAluaGroup(d.id(), dg);
				}
				else if (og.id() != dg.id()) {
					// the id of an existing group cannot be changed while LUNs use it
					this.out.add(new DeleteAluaGroup(new AluaGroupRef(o.id(), og.name())));
					createAluaGroup(d.id(), dg);
					this.recreatedGroups.computeIfAbsent(d.id(), (k) -> new HashSet<>()).add(dg.name());
				}
				else {
					aluaAttributes(new AluaGroupRef(d.id(), dg.name()), og.attributes(), dg.attributes());
				}
			}
		}

		// ---- targets ----

		private void updateTarget(Target o, Target d) {
			for (Tpg ot : o.tpgs()) {
				if (d.tpg(ot.tag()) == null) {
					deleteTpg(o.iqn(), ot);
				}
			}
			for (Tpg dt : d.tpgs()) {
				Tpg ot = o.tpg(dt.tag());
				if (ot == null) {
					createTpg(d.iqn(), dt);
				}
				else {
					updateTpg(d.iqn(), ot, dt);
				}
			}
		}

		private void deleteTpg(String iqn, Tpg o) {
			TpgRef ref = new TpgRef(iqn, o.tag());
			if (o.enabled()) {
				this.out.add(new DisableTpg(ref));
			}
			o.acls().forEach((a) -> deleteAcl(new AclRef(iqn, o.tag(), a.initiator()), a));
			o.luns().forEach((l) -> this.out.add(new DeleteLun(ref, l.id())));
			o.portals().forEach((p) -> this.out.add(new DeletePortal(ref, p)));
			this.out.add(new DeleteTpg(ref));
		}

		private void createTpg(String iqn, Tpg d) {
			TpgRef ref = new TpgRef(iqn, d.tag());
			this.out.add(new CreateTpg(ref));
			if (d.chap() != null) {
				chap(ref, Chap.NONE, d.chap());
			}
			attributes(ref, "attrib/", Map.of(), d.attributes());
			d.parameters().forEach((k, v) -> this.out.add(new SetParameter(ref, k, v)));
			d.portals().forEach((p) -> this.out.add(new CreatePortal(ref, p)));
			d.luns().forEach((l) -> createLun(ref, l));
			d.acls().forEach((a) -> createAcl(new AclRef(iqn, d.tag(), a.initiator()), a));
			if (d.enabled()) {
				this.out.add(new EnableTpg(ref));
			}
		}

		private void updateTpg(String iqn, Tpg o, Tpg d) {
			TpgRef ref = new TpgRef(iqn, d.tag());
			if (o.enabled() && !d.enabled()) {
				this.out.add(new DisableTpg(ref));
			}
			if (d.chap() != null) {
				chap(ref, (o.chap() != null) ? o.chap() : Chap.NONE, d.chap());
			}
			attributes(ref, "attrib/", o.attributes(), d.attributes());
			d.parameters().forEach((k, v) -> {
				if (!v.equals(o.parameters().get(k))) {
					this.out.add(new SetParameter(ref, k, v));
				}
			});
			Set<NetworkPortal> oPortals = new HashSet<>(o.portals());
			Set<NetworkPortal> dPortals = new HashSet<>(d.portals());
			for (NetworkPortal p : o.portals()) {
				if (!dPortals.contains(p)) {
					this.out.add(new DeletePortal(ref, p));
				}
			}
			for (NetworkPortal p : d.portals()) {
				if (!oPortals.contains(p)) {
					this.out.add(new CreatePortal(ref, p));
				}
			}
			Set<Integer> lunsGone = new HashSet<>();
			for (Lun ol : o.luns()) {
				Lun dl = d.lun(ol.id());
				if (dl == null || !dl.storageObjectId().equals(ol.storageObjectId())
						|| this.recreated.contains(ol.storageObjectId())) {
					this.out.add(new DeleteLun(ref, ol.id()));
					lunsGone.add(ol.id());
				}
			}
			for (Lun dl : d.luns()) {
				Lun ol = o.lun(dl.id());
				if (ol == null || lunsGone.contains(dl.id())) {
					createLun(ref, dl);
				}
				else if (dl.aluaGroup() != null && (!dl.aluaGroup().equals(ol.aluaGroup())
						|| this.recreatedGroups.getOrDefault(dl.storageObjectId(), Set.of())
							.contains(dl.aluaGroup()))) {
					this.out.add(new BindAluaGroup(ref, dl.id(), dl.aluaGroup()));
				}
			}
			Map<String, NodeAcl> dAcls = new HashMap<>();
			d.acls().forEach((a) -> dAcls.put(a.initiator(), a));
			Set<String> oAcls = new HashSet<>();
			for (NodeAcl oa : o.acls()) {
				oAcls.add(oa.initiator());
				NodeAcl da = dAcls.get(oa.initiator());
				AclRef aref = new AclRef(iqn, d.tag(), oa.initiator());
				if (da == null) {
					deleteAcl(aref, oa);
				}
				else {
					updateAcl(aref, oa, da, lunsGone);
				}
			}
			for (NodeAcl da : d.acls()) {
				if (!oAcls.contains(da.initiator())) {
					createAcl(new AclRef(iqn, d.tag(), da.initiator()), da);
				}
			}
			if (!o.enabled() && d.enabled()) {
				this.out.add(new EnableTpg(ref));
			}
		}

		private void createLun(TpgRef ref, Lun l) {
			this.out.add(new CreateLun(ref, l.id(), l.storageObjectId()));
			if (l.aluaGroup() != null && !AluaGroup.DEFAULT_GROUP.equals(l.aluaGroup())) {
				this.out.add(new BindAluaGroup(ref, l.id(), l.aluaGroup()));
			}
		}

		// ---- ACLs ----

		private void deleteAcl(AclRef ref, NodeAcl o) {
			o.mappedLuns()
				.forEach((m) -> this.out
					.add(new DeleteMappedLun(new MappedLunRef(ref.iqn(), ref.tag(), ref.initiator(), m.id()))));
			this.out.add(new DeleteNodeAcl(ref));
		}

		private void createAcl(AclRef ref, NodeAcl d) {
			this.out.add(new CreateNodeAcl(ref));
			if (d.chap() != null) {
				chap(ref, Chap.NONE, d.chap());
			}
			attributes(ref, "attrib/", Map.of(), d.attributes());
			if (d.cmdsnDepth() != null) {
				this.out.add(new SetAttribute(ref, "cmdsn_depth", d.cmdsnDepth().toString()));
			}
			d.mappedLuns().forEach((m) -> this.out.add(new CreateMappedLun(ref, m)));
		}

		private void updateAcl(AclRef ref, NodeAcl o, NodeAcl d, Set<Integer> lunsGone) {
			if (d.chap() != null) {
				chap(ref, (o.chap() != null) ? o.chap() : Chap.NONE, d.chap());
			}
			attributes(ref, "attrib/", o.attributes(), d.attributes());
			if (d.cmdsnDepth() != null && !d.cmdsnDepth().equals(o.cmdsnDepth())) {
				this.out.add(new SetAttribute(ref, "cmdsn_depth", d.cmdsnDepth().toString()));
			}
			Map<Integer, MappedLun> dm = new HashMap<>();
			d.mappedLuns().forEach((m) -> dm.put(m.id(), m));
			Set<Integer> gone = new HashSet<>();
			Map<Integer, MappedLun> om = new HashMap<>();
			for (MappedLun m : o.mappedLuns()) {
				om.put(m.id(), m);
				MappedLun w = dm.get(m.id());
				if (w == null || w.tpgLun() != m.tpgLun() || lunsGone.contains(m.tpgLun())) {
					this.out.add(new DeleteMappedLun(new MappedLunRef(ref.iqn(), ref.tag(), ref.initiator(), m.id())));
					gone.add(m.id());
				}
			}
			for (MappedLun m : d.mappedLuns()) {
				MappedLun was = om.get(m.id());
				if (was == null || gone.contains(m.id())) {
					this.out.add(new CreateMappedLun(ref, m));
				}
				else if (was.writeProtect() != m.writeProtect()) {
					this.out.add(new SetAttribute(new MappedLunRef(ref.iqn(), ref.tag(), ref.initiator(), m.id()),
							"write_protect", m.writeProtect() ? "1" : "0"));
				}
			}
		}

		// ---- values ----

		private void chap(ObjectRef owner, Chap o, Chap d) {
			for (String f : Chap.FILES) {
				if (!Objects.equals(o.get(f), d.get(f))) {
					this.out.add(new SetAuth(owner, f, d.get(f)));
				}
			}
		}

		private void attributes(ObjectRef owner, String dir, Map<String, String> o, Map<String, String> d) {
			d.forEach((k, v) -> {
				if (!v.equals(o.get(k))) {
					this.out.add(new SetAttribute(owner, dir + k, v));
				}
			});
		}

	}

}
