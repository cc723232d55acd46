package io.github.iscsigw.lio.observe;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.lio.LioFixtures;
import io.github.iscsigw.lio.apply.Executor;
import io.github.iscsigw.lio.model.AluaGroup;
import io.github.iscsigw.lio.model.BackstoreType;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.model.StorageObject;
import io.github.iscsigw.lio.model.StorageObjectId;
import io.github.iscsigw.lio.model.Tpg;
import io.github.iscsigw.lio.model.Unmanaged;
import io.github.iscsigw.lio.model.UserBackstore;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigfsReaderTests {

	@TempDir
	Path dir;

	SimulatedConfigfs fs;

	ConfigfsReader reader;

	@BeforeEach
	void open() {
		this.fs = SimulatedConfigfs.open(this.dir.resolve("target"));
		this.reader = new ConfigfsReader(this.fs);
	}

	private void apply(LioConfig desired) {
		new Executor(this.fs).apply(Planner.plan(this.reader.observe(desired), desired));
	}

	@Test
	void emptyKernelTree() {
		assertThat(this.reader.observe())
			.isEqualTo(new LioConfig(List.of(), List.of(), io.github.iscsigw.lio.model.DiscoveryAuth.NONE, null));
	}

	@Test
	void fullObserveReadsEverySettableValueAndTheModelledFields() {
		apply(LioFixtures.cephGatewayOne());
		LioConfig all = this.reader.observe();
		StorageObject so = all.storageObject(new StorageObjectId(BackstoreType.USER, "rbd.disk_2"));
		assertThat(so.backstore()).isEqualTo(UserBackstore.rbd("rbd", "disk_2", 20L << 30, 30, 64, 1024));
		assertThat(so.wwn()).isEqualTo("5a0c1d2e-88b3-4d6f-b1e2-7c9a3f6d8e04");
		// attributes the desired state never named are still shown, with the kernel's
		// values
		assertThat(so.attributes()).containsEntry("cmd_time_out", "0")
			.containsEntry("emulate_pr", "1")
			.doesNotContainKeys("dev_config", "dev_size", "hw_block_size");
		AluaGroup ano1 = so.aluaGroup("ano1");
		assertThat(ano1.id()).isEqualTo(1);
		assertThat(ano1.attributes()).containsEntry("alua_access_type", "1")
			.containsEntry("alua_access_state", "1")
			.containsEntry("alua_support_standby", "1");
		Tpg own = all.targets().get(0).tpg(1);
		assertThat(own.attributes()).containsEntry("login_timeout", "15");
		assertThat(own.parameters()).containsEntry("AuthMethod", "CHAP").containsEntry("ImmediateData", "No");
		assertThat(own.luns().get(1).aluaGroup()).isEqualTo("ano1");
		assertThat(own.acls().get(0).cmdsnDepth()).isEqualTo(64);
		assertThat(own.acls().get(0).chap().mutualPassword()).isEqualTo("mytargetsecret12");
		assertThat(all.targets().get(0).tpg(2).enabled()).isFalse();
	}

	@Test
	void scopedObserveEqualsTheDesiredStateWhenConverged() {
		LioConfig desired = LioFixtures.cephGatewayOne();
		apply(desired);
		assertThat(this.reader.observe(desired)).isEqualTo(desired);
		assertThat(this.reader.observe()).isNotEqualTo(desired);
	}

	@Test
	void objectsThatAreNotOursAreNotObserved() {
		apply(LioFixtures.oneTargetTwoLuns());
		// other backstores, other fabrics and unmanaged patterns
		this.fs.mkdir("core/iblock_7");
		this.fs.mkdir("core/iblock_7/sda");
		LioConfig scope = new LioConfig(List.of(), List.of(), null,
				new Unmanaged(List.of(LioFixtures.TARGET), List.of("fileio/disk*")));
		LioConfig seen = this.reader.observe(scope);
		assertThat(seen.storageObjects()).isEmpty();
		assertThat(seen.targets()).isEmpty();
		assertThat(Planner.plan(seen, scope).isEmpty()).isTrue();
		assertThat(this.reader.observe().storageObjects()).extracting(StorageObject::name)
			.containsExactly("disk0", "disk1");
	}

	@Test
	void halfCreatedStorageObjectIsReportedDisabledAndRecreated() {
		this.fs.mkdir("core/user_0");
		this.fs.mkdir("core/user_0/rbd.disk_1");
		LioConfig desired = LioFixtures.cephGatewayOne();
		LioConfig seen = this.reader.observe(desired);
		assertThat(seen.storageObjects().get(0).enabled()).isFalse();
		apply(desired);
		assertThat(this.reader.observe(desired)).isEqualTo(desired);
	}

	@Test
	void readsTheGoldenCephIscsiTree() {
		// the tree real ceph-iscsi 3.5 left (spec/golden/configfs-after-create.txt),
		// rebuilt with
		// the same writes rtslib does, reads back as the configuration the reconciler
		// would want
		String so = "core/user_0/rbd.block1";
		this.fs.mkdir("core/user_0");
		this.fs.mkdir(so);
		this.fs.write(so + "/control", "dev_config=rbd/rbd/block1;osd_op_timeout=30");
		this.fs.write(so + "/control", "dev_size=314572800");
		this.fs.write(so + "/control", "max_data_area_mb=8,hw_max_sectors=1024");
		this.fs.write(so + "/enable", "1\n");
		this.fs.write(so + "/wwn/vpd_unit_serial", "3d7baabe-805c-44bd-8fed-d5f05c202007\n");
		this.fs.write(so + "/attrib/cmd_time_out", "0");
		this.fs.write(so + "/attrib/qfull_time_out", "5");
		String t = "iscsi/iqn.2003-01.com.redhat.iscsi-gw:ceph-gw";
		this.fs.mkdir(t);
		this.fs.mkdir(t + "/tpgt_1");
		this.fs.write(t + "/tpgt_1/attrib/authentication", "0");
		for (String f : List.of("userid", "password", "userid_mutual", "password_mutual")) {
			this.fs.write(t + "/tpgt_1/auth/" + f, "NULL");
		}
		this.fs.mkdir(t + "/tpgt_1/np/127.0.0.2:3260");
		this.fs.write(t + "/tpgt_1/enable", "1");
		this.fs.mkdir(t + "/tpgt_1/lun/lun_0");
		this.fs.symlink(t + "/tpgt_1/lun/lun_0/319f1577af", so);
		this.fs.mkdir(so + "/alua/ao");
		this.fs.write(so + "/alua/ao/tg_pt_gp_id", "1");
		this.fs.write(so + "/alua/ao/alua_access_type", "1");
		this.fs.write(so + "/alua/ao/alua_access_state", "0");
		this.fs.write(t + "/tpgt_1/lun/lun_0/alua_tg_pt_gp", "ao");
		String acl = t + "/tpgt_1/acls/iqn.1994-05.com.redhat:client";
		this.fs.mkdir(acl);
		this.fs.mkdir(acl + "/lun_0");
		this.fs.symlink(acl + "/lun_0/1f3267a8ea", t + "/tpgt_1/lun/lun_0");
		this.fs.write(acl + "/auth/userid", "myiscsiusername");
		this.fs.write(acl + "/auth/password", "myiscsipassword");
		LioConfig all = this.reader.observe();
		assertThat(all.targets()).hasSize(1);
		Tpg tpg = all.targets().get(0).tpg(1);
		assertThat(tpg.chap()).isEqualTo(io.github.iscsigw.lio.model.Chap.NONE);
		assertThat(tpg.luns().get(0).storageObjectId())
			.isEqualTo(new StorageObjectId(BackstoreType.USER, "rbd.block1"));
		assertThat(tpg.luns().get(0).aluaGroup()).isEqualTo("ao");
		assertThat(tpg.acls().get(0).chap().userid()).isEqualTo("myiscsiusername");
		assertThat(tpg.acls().get(0).mappedLuns().get(0).tpgLun()).isZero();
		assertThat(all.storageObjects().get(0).wwn()).isEqualTo("3d7baabe-805c-44bd-8fed-d5f05c202007");
	}

}
