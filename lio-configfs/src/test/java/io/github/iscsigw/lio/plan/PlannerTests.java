package io.github.iscsigw.lio.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.DiscoveryAuth;
import io.github.iscsigw.lio.model.FileioBackstore;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.Lun;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NetworkPortal;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.Unmanaged;
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

import static io.github.iscsigw.lio.plan.PlanAssertions.assertBefore;
import static io.github.iscsigw.lio.plan.PlanAssertions.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTests {

	private static final String T = LioFixtures.TARGET;

	private final Set<Class<?>> seen = new HashSet<>();

	private Plan plan(LioConfig observed, LioConfig desired) {
		Plan p = Planner.plan(observed, desired);
		p.changes().forEach((c) -> this.seen.add(c.getClass()));
		return p;
	}

	@Test
	void unchangedConfigurationPlansNothing() {
		assertThat(plan(LioFixtures.cephGatewayOne(), LioFixtures.cephGatewayOne()).isEmpty()).isTrue();
		assertThat(plan(LioFixtures.oneTargetTwoLuns(), LioFixtures.oneTargetTwoLuns()).changes()).isEmpty();
		assertThat(plan(LioConfig.EMPTY, LioConfig.EMPTY).changes()).isEmpty();
	}

	@Test
	void fromEmptyCreatesInDependencyOrderAndEnablesLast() {
		Plan p = plan(LioConfig.EMPTY, LioFixtures.cephGatewayOne());
		assertBefore(p, CreateStorageObject.class, CreateAluaGroup.class);
		assertBefore(p, CreateAluaGroup.class, CreateLun.class);
		assertBefore(p, CreateTarget.class, CreateTpg.class);
		assertBefore(p, CreateTpg.class, CreatePortal.class);
		assertBefore(p, CreateTpg.class, SetParameter.class);
		assertBefore(p, CreateStorageObject.class, CreateLun.class);
		assertBefore(p, CreateLun.class, BindAluaGroup.class);
		assertBefore(p, CreateLun.class, CreateMappedLun.class);
		assertBefore(p, CreateNodeAcl.class, CreateMappedLun.class);
		assertBefore(p, CreateNodeAcl.class, SetAuth.class);
		assertBefore(p, (c) -> c instanceof SetAttribute a && a.owner() instanceof ObjectRef.StorageObjectRef,
				(c) -> c instanceof CreateLun, "storage object attributes (cmd_time_out) before any LUN exports it");
		assertThat(p.changes().get(p.size() - 1)).isInstanceOf(EnableTpg.class);
		assertBefore(p, CreateMappedLun.class, EnableTpg.class);
		// only the own TPG is enabled; the placeholder stays disabled
		assertThat(p.changes().stream().filter(EnableTpg.class::isInstance)).hasSize(1);
	}

	@Test
	void storageObjectCreationCarriesTheControlWritesInLayoutOrder() {
		Plan p = plan(LioConfig.EMPTY, LioFixtures.cephGatewayOne());
		CreateStorageObject c = (CreateStorageObject) p.changes().get(0);
		assertThat(c.storageObject().backstore().controlWrites()).containsExactly(
				"dev_config=rbd/rbd/disk_1;osd_op_timeout=30", "dev_size=10737418240",
				"max_data_area_mb=8,hw_max_sectors=1024");
	}

	@Test
	void toEmptyDeletesInReverseDependencyOrderDisablingFirst() {
		Plan p = plan(LioFixtures.cephGatewayOne(), LioConfig.EMPTY);
		assertThat(p.changes().get(0)).isInstanceOf(DisableTpg.class);
		assertBefore(p, DisableTpg.class, DeletePortal.class);
		assertBefore(p, DeleteMappedLun.class, DeleteNodeAcl.class);
		assertBefore(p, DeleteNodeAcl.class, DeleteLun.class);
		assertBefore(p, DeleteLun.class, DeletePortal.class);
		assertBefore(p, DeletePortal.class, DeleteTpg.class);
		assertBefore(p, DeleteTpg.class, DeleteTarget.class);
		assertBefore(p, DeleteTarget.class, DeleteAluaGroup.class);
		assertBefore(p, DeleteAluaGroup.class, DeleteStorageObject.class);
		// discovery auth is not named by EMPTY, so it is left alone
		assertThat(p.changes()).noneMatch((c) -> c.phase() == Phase.DISCOVERY_AUTH);
	}

	@Test
	void deletesComeBeforeCreates() {
		LioConfig desired = LioFixtures.oneTargetTwoLuns();
		Plan p = plan(LioFixtures.cephGatewayOne(), desired);
		assertBefore(p, (c) -> c.phase().name().startsWith("DELETE") || c instanceof DisableTpg,
				(c) -> c.phase().name().startsWith("CREATE"), "every delete before every create");
	}

	@Test
	void oneAttributeChangeIsOneStep() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig after = withTpg(before, 1, (t) -> new Tpg(t.tag(), t.enabled(),
				put(t.attributes(), "login_timeout", "20"), t.parameters(), t.chap(), t.portals(), t.luns(), t.acls()));
		Plan p = plan(before, after);
		assertThat(p.changes())
			.containsExactly(new SetAttribute(new ObjectRef.TpgRef(T, 1), "attrib/login_timeout", "20"));
	}

	@Test
	void oneParameterChangeIsOneStepWrittenWithNewline() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig after = withTpg(before, 2, (t) -> new Tpg(t.tag(), t.enabled(), t.attributes(),
				put(t.parameters(), "MaxOutstandingR2T", "4"), t.chap(), t.portals(), t.luns(), t.acls()));
		assertThat(plan(before, after).changes())
			.containsExactly(new SetParameter(new ObjectRef.TpgRef(T, 2), "MaxOutstandingR2T", "4"));
	}

	@Test
	void storageObjectAttributeAluaAttributeAndResizeAreSingleSteps() {
		LioConfig before = LioFixtures.cephGatewayOne();
		StorageObject so = before.storageObjects().get(0);
		StorageObject qfull = new StorageObject(so.name(), so.backstore(), so.wwn(),
				put(so.attributes(), "qfull_time_out", "9"), so.aluaGroups(), true);
		assertThat(types(plan(before, withSo(before, qfull)))).containsExactly("SetAttribute");
		UserBackstore b = (UserBackstore) so.backstore();
		StorageObject bigger = new StorageObject(so.name(),
				new UserBackstore(b.devConfig(), b.devSize() * 2, b.maxDataAreaMb(), b.hwMaxSectors()), so.wwn(),
				so.attributes(), so.aluaGroups(), true);
		assertThat(plan(before, withSo(before, bigger)).changes())
			.containsExactly(new ResizeStorageObject(so.id(), b.devSize() * 2));
		AluaGroup ao = so.aluaGroup("ao");
		List<AluaGroup> groups = new ArrayList<>(so.aluaGroups());
		groups.set(groups.indexOf(ao), new AluaGroup("ao", 1, put(ao.attributes(), "implicit_trans_secs", "60")));
		StorageObject slower = new StorageObject(so.name(), so.backstore(), so.wwn(), so.attributes(), groups, true);
		assertThat(types(plan(before, withSo(before, slower)))).containsExactly("SetAttribute");
	}

	@Test
	void controlChangeRecreatesStorageObjectWithItsLunsAndMappings() {
		LioConfig before = LioFixtures.cephGatewayOne();
		StorageObject so = before.storageObjects().get(0);
		StorageObject reconfigured = new StorageObject(so.name(),
				UserBackstore.rbd("rbd", "disk_1", 10L << 30, 30, 16, 1024), so.wwn(), so.attributes(), so.aluaGroups(),
				true);
		Plan p = plan(before, withSo(before, reconfigured));
		assertThat(types(p)).contains("DeleteStorageObject", "CreateStorageObject", "DeleteLun", "CreateLun",
				"DeleteMappedLun", "CreateMappedLun", "DeleteAluaGroup", "CreateAluaGroup", "BindAluaGroup");
		// LUN 0 in both TPGs and the client's lun_0 mapping, nothing about disk_2
		assertThat(p.changes().stream().filter(DeleteLun.class::isInstance)).hasSize(2);
		assertThat(p.changes().stream().filter(DeleteMappedLun.class::isInstance)).hasSize(1);
		assertThat(p.toString()).doesNotContain("disk_2");
		assertBefore(p, DeleteMappedLun.class, DeleteLun.class);
		assertBefore(p, DeleteLun.class, DeleteStorageObject.class);
		assertBefore(p, DeleteStorageObject.class, CreateStorageObject.class);
	}

	@Test
	void serialOrExportLockedAttributeChangeRecreates() {
		LioConfig before = LioFixtures.cephGatewayOne();
		StorageObject so = before.storageObjects().get(0);
		StorageObject newSerial = new StorageObject(so.name(), so.backstore(), "another-serial", so.attributes(),
				so.aluaGroups(), true);
		assertThat(types(plan(before, withSo(before, newSerial)))).contains("DeleteStorageObject",
				"CreateStorageObject");
		StorageObject timeout = new StorageObject(so.name(), so.backstore(), so.wwn(),
				put(so.attributes(), "cmd_time_out", "30"), so.aluaGroups(), true);
		assertThat(types(plan(before, withSo(before, timeout)))).contains("DeleteStorageObject", "CreateStorageObject");
	}

	@Test
	void aluaGroupIdChangeRecreatesTheGroupAndRebindsItsLuns() {
		LioConfig before = LioFixtures.cephGatewayOne();
		StorageObject so = before.storageObjects().get(0);
		AluaGroup ao = so.aluaGroup("ao");
		List<AluaGroup> groups = new ArrayList<>(so.aluaGroups());
		groups.set(groups.indexOf(ao), new AluaGroup("ao", 7, ao.attributes()));
		Plan p = plan(before,
				withSo(before, new StorageObject(so.name(), so.backstore(), so.wwn(), so.attributes(), groups, true)));
		assertThat(types(p)).startsWith("DeleteAluaGroup", "CreateAluaGroup");
		assertThat(p.changes()).contains(new BindAluaGroup(new ObjectRef.TpgRef(T, 1), 0, "ao"));
		assertBefore(p, CreateAluaGroup.class, BindAluaGroup.class);
	}

	@Test
	void removingAnAclDeletesItsMappedLunsThenTheAcl() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig after = withTpg(before, 1, (t) -> new Tpg(t.tag(), t.enabled(), t.attributes(), t.parameters(),
				t.chap(), t.portals(), t.luns(), List.of()));
		assertThat(types(plan(before, after))).containsExactly("DeleteMappedLun", "DeleteMappedLun", "DeleteNodeAcl");
	}

	@Test
	void addingAnAclCreatesItWithAuthAttributesAndMappings() {
		LioConfig before = LioFixtures.cephGatewayOne();
		NodeAcl acl2 = new NodeAcl(LioFixtures.CLIENT2, Chap.of("u2", "secret2secret"), Map.of("nopin_timeout", "10"),
				32, List.of(new MappedLun(5, 1, true)));
		LioConfig after = withTpg(before, 1, (t) -> new Tpg(t.tag(), t.enabled(), t.attributes(), t.parameters(),
				t.chap(), t.portals(), t.luns(), concat(t.acls(), acl2)));
		Plan p = plan(before, after);
		assertThat(types(p)).containsExactly("CreateNodeAcl", "SetAuth", "SetAuth", "SetAttribute", "SetAttribute",
				"CreateMappedLun");
		assertThat(p.toString()).doesNotContain("secret2secret").contains("password=***");
	}

	@Test
	void mappedLunChanges() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig wp = withAcl(before, (a) -> new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(),
				List.of(MappedLun.of(0), new MappedLun(1, 1, true))));
		assertThat(plan(before, wp).changes()).containsExactly(
				new SetAttribute(new ObjectRef.MappedLunRef(T, 1, LioFixtures.CLIENT, 1), "write_protect", "1"));
		LioConfig remapped = withAcl(before, (a) -> new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(),
				List.of(MappedLun.of(0), new MappedLun(1, 0, false))));
		assertThat(types(plan(before, remapped))).containsExactly("DeleteMappedLun", "CreateMappedLun");
		LioConfig chap = withAcl(before, (a) -> new NodeAcl(a.initiator(), Chap.of(a.chap().userid(), "anothersecret"),
				a.attributes(), 128, a.mappedLuns()));
		// password changes, mutual pair cleared (written as NULL), cmdsn_depth changes
		assertThat(types(plan(before, chap))).containsExactly("SetAuth", "SetAuth", "SetAuth", "SetAttribute");
	}

	@Test
	void lunRetargetedToAnotherStorageObjectIsRecreatedWithItsMappings() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig after = withTpg(before, 1,
				(t) -> new Tpg(t.tag(), t.enabled(), t.attributes(), t.parameters(), t.chap(), t.portals(),
						List.of(t.luns().get(0), new Lun(1, BackstoreType.USER, "rbd.disk_1", null)), t.acls()));
		assertThat(types(plan(before, after))).containsExactly("DeleteMappedLun", "DeleteLun", "CreateLun",
				"CreateMappedLun");
	}

	@Test
	void portalAndEnableChanges() {
		LioConfig before = LioFixtures.cephGatewayOne();
		LioConfig after = withTpg(before, 2, (t) -> new Tpg(t.tag(), true, t.attributes(), t.parameters(), t.chap(),
				List.of(NetworkPortal.of("192.168.10.13")), t.luns(), t.acls()));
		Plan p = plan(before, after);
		assertThat(types(p)).containsExactly("DeletePortal", "CreatePortal", "EnableTpg");
		LioConfig disabled = withTpg(before, 1, (t) -> new Tpg(t.tag(), false, t.attributes(), t.parameters(), t.chap(),
				t.portals(), t.luns(), t.acls()));
		assertThat(types(plan(before, disabled))).containsExactly("DisableTpg");
	}

	@Test
	void tpgAndTargetRemoval() {
		LioConfig before = LioFixtures.cephGatewayOne();
		Target t = before.targets().get(0);
		LioConfig oneTpg = new LioConfig(before.storageObjects(), List.of(new Target(t.iqn(), List.of(t.tpg(1)))),
				before.discoveryAuth(), null);
		assertThat(types(plan(before, oneTpg))).containsExactly("DeleteLun", "DeleteLun", "DeletePortal", "DeleteTpg");
		LioConfig noTarget = new LioConfig(before.storageObjects(), List.of(), before.discoveryAuth(), null);
		Plan p = plan(before, noTarget);
		assertThat(p.changes()).contains(new DeleteTarget(T), new DisableTpg(new ObjectRef.TpgRef(T, 1)));
		assertBefore(p, DeleteTpg.class, DeleteTarget.class);
	}

	@Test
	void discoveryAndTpgChap() {
		LioConfig before = LioFixtures.oneTargetTwoLuns();
		LioConfig after = new LioConfig(before.storageObjects(), before.targets(),
				DiscoveryAuth.cephIscsi(new Chap("disc", "discsecret12", "", "")), null);
		Plan p = plan(before, after);
		assertThat(p.changes()).containsExactly(new SetAuth(new ObjectRef.DiscoveryRef(), "userid", "disc"),
				new SetAuth(new ObjectRef.DiscoveryRef(), "password", "discsecret12"),
				new SetAttribute(new ObjectRef.DiscoveryRef(), "enforce_discovery_auth", "1"));
		assertBefore(p, SetAuth.class, SetAttribute.class);
		LioConfig demo = withTpg(before, 1, (t) -> new Tpg(t.tag(), t.enabled(), t.attributes(), t.parameters(),
				Chap.of("tpguser", "tpgsecret123"), t.portals(), t.luns(), t.acls()));
		assertThat(types(plan(before, demo))).containsExactly("SetAuth", "SetAuth");
	}

	@Test
	void emptyChapValueIsWrittenAsNull() {
		SetAuth clear = new SetAuth(new ObjectRef.AclRef(T, 1, LioFixtures.CLIENT), "password_mutual", "");
		assertThat(clear.written()).isEqualTo("NULL");
		assertThat(new SetAuth(new ObjectRef.AclRef(T, 1, LioFixtures.CLIENT), "password", "s3cret").toString())
			.doesNotContain("s3cret");
	}

	@Test
	void fileioChangeRecreates() {
		LioConfig before = LioFixtures.oneTargetTwoLuns();
		StorageObject d1 = before.storageObjects().get(1);
		StorageObject moved = StorageObject.of("disk1", new FileioBackstore("/elsewhere.img", 32L << 20, false), null);
		assertThat(types(plan(before, withSo(before, moved)))).containsExactly("DeleteMappedLun", "DeleteLun",
				"DeleteStorageObject", "CreateStorageObject", "CreateLun", "CreateMappedLun");
		assertThat(d1.wwn()).isNull();
	}

	@Test
	void valuesTheDesiredStateDoesNotNameAreLeftAlone() {
		LioConfig desired = LioFixtures.oneTargetTwoLuns();
		LioConfig observed = withTpg(desired, 1,
				(t) -> new Tpg(t.tag(), t.enabled(), put(t.attributes(), "login_timeout", "99"),
						put(t.parameters(), "HeaderDigest", "None"), t.chap(), t.portals(), t.luns(), t.acls()));
		assertThat(plan(observed, desired).isEmpty()).isTrue();
	}

	@Test
	void unmanagedObjectsAreNeverTouched() {
		LioConfig observed = LioFixtures.oneTargetTwoLuns();
		LioConfig desired = new LioConfig(List.of(), List.of(), null,
				new Unmanaged(List.of("iqn.2003-01.com.example.*"), List.of("fileio/disk*")));
		assertThat(plan(observed, desired).isEmpty()).isTrue();
	}

	@Test
	void invalidDesiredStateIsRejected() {
		LioConfig base = LioFixtures.oneTargetTwoLuns();
		LioConfig dangling = new LioConfig(List.of(base.storageObjects().get(0)), base.targets(), null, null);
		assertThatThrownBy(() -> Planner.plan(LioConfig.EMPTY, dangling)).isInstanceOf(LioException.class)
			.hasMessageContaining("unknown storage object fileio/disk1");
		LioConfig badMap = withAcl(LioFixtures.cephGatewayOne(),
				(a) -> new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(), List.of(MappedLun.of(9))));
		assertThatThrownBy(() -> Planner.plan(LioConfig.EMPTY, badMap)).hasMessageContaining("maps LUN 9");
	}

	@Test
	void planIsDeterministic() {
		Plan a = Planner.plan(LioFixtures.oneTargetTwoLuns(), LioFixtures.cephGatewayOne());
		Plan b = Planner.plan(LioFixtures.oneTargetTwoLuns(), LioFixtures.cephGatewayOne());
		assertThat(a).isEqualTo(b);
	}

	@Test
	void everyStepTypeIsProducedBySomeDiff() {
		plan(LioConfig.EMPTY, LioFixtures.cephGatewayOne());
		plan(LioFixtures.cephGatewayOne(), LioConfig.EMPTY);
		LioConfig before = LioFixtures.cephGatewayOne();
		StorageObject so = before.storageObjects().get(0);
		UserBackstore b = (UserBackstore) so.backstore();
		plan(before,
				withSo(before,
						new StorageObject(so.name(), new UserBackstore(b.devConfig(), b.devSize() + 512, 8, 1024),
								so.wwn(), so.attributes(), so.aluaGroups(), true)));
		plan(before, new LioConfig(before.storageObjects(), before.targets(),
				DiscoveryAuth.cephIscsi(Chap.of("d", "discsecret12")), null));
		Set<Class<?>> all = new HashSet<>(Arrays.asList(Change.class.getPermittedSubclasses()));
		assertThat(this.seen).containsExactlyInAnyOrderElementsOf(all);
	}

	// ---- helpers ----

	static Map<String, String> put(Map<String, String> m, String k, String v) {
		Map<String, String> copy = new LinkedHashMap<>(m);
		copy.put(k, v);
		return copy;
	}

	static <T> List<T> concat(List<T> list, T item) {
		List<T> copy = new ArrayList<>(list);
		copy.add(item);
		return copy;
	}

	static LioConfig withSo(LioConfig c, StorageObject so) {
		List<StorageObject> sos = new ArrayList<>(c.storageObjects());
		sos.removeIf((s) -> s.id().equals(so.id()));
		sos.add(so);
		return new LioConfig(sos, c.targets(), c.discoveryAuth(), c.unmanaged());
	}

	static LioConfig withTpg(LioConfig c, int tag, java.util.function.UnaryOperator<Tpg> change) {
		Target t = c.targets().get(0);
		List<Tpg> tpgs = t.tpgs().stream().map((g) -> (g.tag() == tag) ? change.apply(g) : g).toList();
		return new LioConfig(c.storageObjects(), List.of(new Target(t.iqn(), tpgs)), c.discoveryAuth(), c.unmanaged());
	}

	static LioConfig withAcl(LioConfig c, java.util.function.UnaryOperator<NodeAcl> change) {
		return withTpg(c, 1,
				(t) -> new Tpg(t.tag(), t.enabled(), t.attributes(), t.parameters(), t.chap(), t.portals(), t.luns(),
						t.acls()
							.stream()
							.map((a) -> (a.initiator().equals(LioFixtures.CLIENT)) ? change.apply(a) : a)
							.toList()));
	}

}
