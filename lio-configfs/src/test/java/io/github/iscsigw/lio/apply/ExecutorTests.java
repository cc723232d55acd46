package io.github.iscsigw.lio.apply;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.fs.CountingConfigfs;
import io.github.iscsigw.lio.model.Chap;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.MappedLun;
import io.github.iscsigw.lio.model.NodeAcl;
import io.github.iscsigw.lio.model.Target;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Change;
import io.github.iscsigw.lio.plan.ObjectRef;
import io.github.iscsigw.lio.plan.Plan;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorTests {

	@TempDir
	Path dir;

	SimulatedConfigfs sim;

	CountingConfigfs fs;

	ConfigfsReader reader;

	@BeforeEach
	void open() {
		this.sim = SimulatedConfigfs.open(this.dir.resolve("target"));
		this.fs = new CountingConfigfs(this.sim);
		this.reader = new ConfigfsReader(this.fs);
	}

	private void converge(LioConfig desired) {
		Plan plan = Planner.plan(this.reader.observe(desired), desired);
		new Executor(this.fs).apply(plan);
		assertThat(this.reader.observe(desired)).isEqualTo(desired);
		assertThat(Planner.plan(this.reader.observe(desired), desired).changes()).isEmpty();
	}

	@Test
	void appliesTheCephLayoutAndConverges() {
		converge(LioFixtures.cephGatewayOne());
		String so = this.sim.list("core")
			.stream()
			.filter((e) -> e.name().startsWith("user_"))
			.findFirst()
			.orElseThrow()
			.name();
		String p = "core/" + so + "/rbd.disk_1";
		assertThat(this.sim.read(p + "/attrib/dev_config")).isEqualTo("rbd/rbd/disk_1;osd_op_timeout=30");
		assertThat(this.sim.read(p + "/attrib/cmd_time_out")).isEqualTo("0");
		assertThat(this.sim.read(p + "/alua/ao/alua_access_type")).isEqualTo("Implicit");
		String tpg = "iscsi/" + LioFixtures.TARGET + "/tpgt_1";
		assertThat(this.sim.read(tpg + "/acls/" + LioFixtures.CLIENT + "/auth/password")).isEqualTo("myiscsipassword1");
		assertThat(this.sim.read(tpg + "/lun/lun_1/alua_tg_pt_gp")).startsWith("TG Port Alias: ano1");
		assertThat(this.sim.read("iscsi/" + LioFixtures.TARGET + "/tpgt_2/enable")).isEqualTo("0");
	}

	@Test
	void movesBetweenConfigurationsBothWays() {
		converge(LioFixtures.oneTargetTwoLuns());
		converge(LioFixtures.cephGatewayOne());
		converge(LioFixtures.oneTargetTwoLuns());
		converge(LioConfig.EMPTY);
		assertThat(this.sim.list("core")).extracting((e) -> e.name()).containsExactly("alua");
		assertThat(this.sim.list("iscsi")).extracting((e) -> e.name()).noneMatch((n) -> n.startsWith("iqn"));
	}

	@Test
	void oneAclChangeCostsAConstantNumberOfOperations() {
		LioConfig big = LioFixtures.scale(64, 3, 16, 8);
		converge(big);
		LioConfig changed = withoutFirstAcl(big);
		Plan plan = Planner.plan(this.reader.observe(changed), changed);
		this.fs.reset();
		ApplyReport report = new Executor(this.fs).apply(plan);
		// 8 mapped LUNs (list + unlink + rmdir each) and the ACL: no scan of core/,
		// nothing else
		assertThat(report.steps()).isEqualTo(9);
		assertThat(this.fs.writes()).isEqualTo(8 * 2 + 1);
		assertThat(this.fs.reads()).isEqualTo(8);
	}

	static LioConfig withoutFirstAcl(LioConfig c) {
		Target t = c.targets().get(0);
		Tpg g = t.tpg(1);
		Tpg fewer = new Tpg(g.tag(), g.enabled(), g.attributes(), g.parameters(), g.chap(), g.portals(), g.luns(),
				g.acls().subList(1, g.acls().size()));
		List<Tpg> tpgs = t.tpgs().stream().map((x) -> (x.tag() == 1) ? fewer : x).toList();
		return new LioConfig(c.storageObjects(), List.of(new Target(t.iqn(), tpgs)), c.discoveryAuth(), c.unmanaged());
	}

	@Test
	void stopsAtTheFirstFailureNamingStepPathValueAndCause() {
		converge(LioFixtures.oneTargetTwoLuns());
		ObjectRef.TpgRef tpg = new ObjectRef.TpgRef(LioFixtures.TARGET, 1);
		Plan plan = new Plan(List.of(new Change.SetParameter(tpg, "InitialR2T", "No"),
				new Change.SetParameter(tpg, "MaxBurstLength", "12"),
				new Change.SetParameter(tpg, "ImmediateData", "No")));
		assertThatThrownBy(() -> new Executor(this.fs).apply(plan)).isInstanceOfSatisfying(ApplyException.class,
				(e) -> {
					assertThat(e.stepsDone()).isEqualTo(1);
					assertThat(e.step()).isEqualTo(plan.changes().get(1));
					assertThat(e.path()).isEqualTo("iscsi/" + LioFixtures.TARGET + "/tpgt_1/param/MaxBurstLength");
					assertThat(e.value()).isEqualTo("12\\n");
					assertThat(e.getMessage()).contains("step 2")
						.contains("MaxBurstLength")
						.contains("Invalid argument");
				});
		// the first step was applied, the third was not
		assertThat(this.sim.read("iscsi/" + LioFixtures.TARGET + "/tpgt_1/param/InitialR2T")).isEqualTo("No");
		assertThat(this.sim.read("iscsi/" + LioFixtures.TARGET + "/tpgt_1/param/ImmediateData")).isEqualTo("Yes");
	}

	@Test
	void failureReportsNeverContainSecrets() {
		ObjectRef.AclRef acl = new ObjectRef.AclRef(LioFixtures.TARGET, 1, LioFixtures.CLIENT);
		Plan plan = new Plan(List.of(new Change.SetAuth(acl, "password", "topsecretvalue")));
		assertThatThrownBy(() -> new Executor(this.fs).apply(plan)).isInstanceOfSatisfying(ApplyException.class,
				(e) -> {
					assertThat(e.getMessage()).doesNotContain("topsecretvalue")
						.contains("***")
						.contains("No such file");
					assertThat(e.value()).isEqualTo("***");
				});
	}

	@Test
	void chapIsWrittenWithoutNewlineAndEmptyAsNull() {
		LioConfig c = LioFixtures.oneTargetTwoLuns();
		converge(c);
		String auth = "iscsi/" + LioFixtures.TARGET + "/tpgt_1/acls/" + LioFixtures.CLIENT + "/auth/";
		assertThat(this.sim.read(auth + "userid")).isEqualTo("user1");
		LioConfig oneWay = ExecutorTests.withAcl(c, (a) -> new NodeAcl(a.initiator(), Chap.of("user1", "secret1secret"),
				a.attributes(), a.cmdsnDepth(), a.mappedLuns()));
		converge(oneWay);
		assertThat(this.sim.read(auth + "userid_mutual")).isEqualTo("NULL");
		// a value written with echo (trailing newline) is seen as different and rewritten
		this.sim.write(auth + "userid", "user1\n");
		assertThat(Planner.plan(this.reader.observe(oneWay), oneWay).changes()).containsExactly(
				new Change.SetAuth(new ObjectRef.AclRef(LioFixtures.TARGET, 1, LioFixtures.CLIENT), "userid", "user1"));
		converge(oneWay);
	}

	@Test
	void dryRunAndShellScriptShowEveryOperationWithoutSecrets() {
		Plan plan = Planner.plan(LioConfig.EMPTY, LioFixtures.oneTargetTwoLuns());
		String ops = Executor.dryRun(plan);
		assertThat(ops).contains("mkdir core/fileio_<new>/disk0")
			.contains("write core/fileio_<new>/disk0/control = fd_dev_name=/var/lib/disk0.img,fd_dev_size=67108864")
			.contains("write core/fileio_<new>/disk0/enable = 1\\n")
			.contains("ln -s core/fileio_<new>/disk1 iscsi/" + LioFixtures.TARGET + "/tpgt_1/lun/lun_1/")
			.contains("auth/password = ***")
			.doesNotContain("secret1secret");
		String sh = Executor.shellScript(plan);
		assertThat(sh).startsWith("#!/bin/sh")
			.contains("hba=$(new_hba fileio)")
			.contains("printf '%s\\n' '1' > \"$T/$hba/disk0/enable\"")
			.contains("printf %s 'user1' > \"$T/iscsi/" + LioFixtures.TARGET + "/tpgt_1/acls/" + LioFixtures.CLIENT
					+ "/auth/userid\"")
			.contains("\"$CHAP_SECRET_0\"")
			.doesNotContain("secret1secret");
	}

	@Test
	void storageObjectsGetTheLowestFreeHbaIndexAndTheirHbaIsRemovedWithThem() {
		converge(LioFixtures.oneTargetTwoLuns());
		assertThat(this.sim.list("core")).extracting((e) -> e.name()).containsExactly("alua", "fileio_0", "fileio_1");
		converge(LioConfig.EMPTY);
		assertThat(this.sim.list("core")).extracting((e) -> e.name()).containsExactly("alua");
	}

	static LioConfig withAcl(LioConfig c, java.util.function.UnaryOperator<NodeAcl> f) {
		Target t = c.targets().get(0);
		Tpg g = t.tpg(1);
		Tpg changed = new Tpg(g.tag(), g.enabled(), g.attributes(), g.parameters(), g.chap(), g.portals(), g.luns(),
				g.acls().stream().map(f).toList());
		return new LioConfig(c.storageObjects(), List.of(new Target(t.iqn(), List.of(changed))), c.discoveryAuth(),
				c.unmanaged());
	}

	@Test
	void mappedLunWriteProtectIsApplied() {
		LioConfig c = LioFixtures.oneTargetTwoLuns();
		converge(ExecutorTests.withAcl(c, (a) -> new NodeAcl(a.initiator(), a.chap(), a.attributes(), a.cmdsnDepth(),
				List.of(MappedLun.of(0), new MappedLun(1, 1, true)))));
		assertThat(this.sim
			.read("iscsi/" + LioFixtures.TARGET + "/tpgt_1/acls/" + LioFixtures.CLIENT + "/lun_1/write_protect"))
			.isEqualTo("1");
	}

}
