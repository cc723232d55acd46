package io.github.iscsigw.lio.sim;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.ConfigfsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedConfigfsTests {

	private static final String IQN = "iqn.2003-01.org.example:t1";

	private static final String TPG = "iscsi/" + IQN + "/tpgt_1";

	private static final String ACL = TPG + "/acls/iqn.1994-05.org.example:host";

	@TempDir
	Path dir;

	SimulatedConfigfs fs;

	@BeforeEach
	void open() {
		this.fs = SimulatedConfigfs.open(this.dir.resolve("target"));
	}

	private void reason(Runnable op, String reason) {
		assertThatThrownBy(op::run).isInstanceOf(ConfigfsException.class)
			.satisfies((e) -> assertThat(((ConfigfsException) e).reason()).isEqualTo(reason));
	}

	private String fileio(int hba, String name) {
		String so = "core/fileio_" + hba + "/" + name;
		this.fs.mkdir("core/fileio_" + hba);
		this.fs.mkdir(so);
		this.fs.write(so + "/control", "fd_dev_name=/nonexistent/" + name + ".img,fd_dev_size=1048576");
		this.fs.write(so + "/enable", "1\n");
		return so;
	}

	@Test
	void startsWithTheKernelsTopLevelTree() {
		assertThat(this.fs.read("version")).startsWith("Target Engine Core ConfigFS Infrastructure");
		assertThat(this.fs.read("iscsi/discovery_auth/enforce_discovery_auth")).isEqualTo("0");
		assertThat(this.fs.read("iscsi/discovery_auth/userid")).isEmpty();
		assertThat(this.fs.list("core")).extracting(Configfs.Entry::name).containsExactly("alua");
	}

	@Test
	void mkdirCreatesTheKernelsDefaultFiles() {
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		// values of Linux 6.1, dumped from the VM (not ceph-iscsi's)
		assertThat(this.fs.read(TPG + "/attrib/authentication")).isEqualTo("1");
		assertThat(this.fs.read(TPG + "/param/MaxRecvDataSegmentLength")).isEqualTo("8192");
		assertThat(this.fs.read(TPG + "/param/AuthMethod")).isEqualTo("CHAP");
		assertThat(this.fs.read(TPG + "/enable")).isEqualTo("0");
		assertThat(this.fs.list(TPG)).extracting(Configfs.Entry::name)
			.contains("acls", "attrib", "auth", "enable", "lun", "np", "param");
		this.fs.mkdir(ACL);
		assertThat(this.fs.read(ACL + "/cmdsn_depth")).isEqualTo("64");
		assertThat(this.fs.read(ACL + "/attrib/dataout_timeout")).isEqualTo("3");
		assertThat(this.fs.read(ACL + "/info")).endsWith("iqn.1994-05.org.example:host");
		this.fs.mkdir("core/user_0");
		this.fs.mkdir("core/user_0/disk");
		assertThat(this.fs.read("core/user_0/disk/attrib/cmd_time_out")).isEqualTo("30");
		assertThat(this.fs.read("core/user_0/disk/attrib/qfull_time_out")).isEqualTo("-1");
	}

	@Test
	void modesAreTheKernels() {
		this.fs.mkdir("core/user_0");
		this.fs.mkdir("core/user_0/disk");
		reason(() -> this.fs.read("core/user_0/disk/control"), "Permission denied");
		reason(() -> this.fs.write("core/user_0/disk/attrib/hw_block_size", "4096"), "Permission denied");
		reason(() -> this.fs.write("core/user_0/disk/attrib/no_such_attribute", "1"), "No such file or directory");
		assertThat(this.fs.list("core/user_0/disk/attrib")).filteredOn((e) -> e.name().equals("qfull_time_out"))
			.allMatch(Configfs.Entry::isSettable);
	}

	@Test
	void mkdirOutsideObjectsOrTwiceFails() {
		this.fs.mkdir("iscsi/" + IQN);
		reason(() -> this.fs.mkdir("iscsi/" + IQN), "File exists");
		reason(() -> this.fs.mkdir("iscsi/" + IQN + "/tpgt_1/lun/lun_0"), "No such file or directory");
		this.fs.mkdir(TPG);
		reason(() -> this.fs.mkdir(TPG + "/attrib/extra"), "Operation not permitted");
		reason(() -> this.fs.mkdir("iscsi/not-an-iqn"), "Invalid argument");
		reason(() -> this.fs.mkdir(TPG + "/lun/lun_x"), "Invalid argument");
		reason(() -> this.fs.mkdir(TPG + "/np/nowhere"), "Invalid argument");
	}

	@Test
	void rmdirOfAnObjectWithChildrenOrLinksFails() {
		String so = fileio(0, "d0");
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.mkdir(TPG + "/lun/lun_0");
		this.fs.symlink(TPG + "/lun/lun_0/link", so);
		reason(() -> this.fs.rmdir(TPG), "Directory not empty");
		reason(() -> this.fs.rmdir("iscsi/" + IQN), "Directory not empty");
		reason(() -> this.fs.rmdir(TPG + "/lun/lun_0"), "Directory not empty");
		reason(() -> this.fs.rmdir(so), "Device or resource busy");
		reason(() -> this.fs.rmdir(TPG + "/attrib"), "Operation not permitted");
		this.fs.mkdir(ACL);
		this.fs.mkdir(ACL + "/lun_0");
		this.fs.symlink(ACL + "/lun_0/x", TPG + "/lun/lun_0");
		this.fs.unlink(TPG + "/lun/lun_0/link");
		reason(() -> this.fs.rmdir(TPG + "/lun/lun_0"), "Device or resource busy");
		this.fs.unlink(ACL + "/lun_0/x");
		this.fs.rmdir(ACL + "/lun_0");
		this.fs.rmdir(ACL);
		this.fs.rmdir(TPG + "/lun/lun_0");
		this.fs.rmdir(TPG);
		this.fs.rmdir("iscsi/" + IQN);
		this.fs.rmdir(so);
		reason(() -> this.fs.rmdir(so), "No such file or directory");
		this.fs.rmdir("core/fileio_0");
		assertThat(this.fs.exists("core/fileio_0")).isFalse();
	}

	@Test
	void linksMustPointToWhatTheKernelAccepts() {
		this.fs.mkdir("core/fileio_0");
		this.fs.mkdir("core/fileio_0/off");
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.mkdir(TPG + "/lun/lun_0");
		reason(() -> this.fs.symlink(TPG + "/lun/lun_0/l", "core/fileio_0/off"), "No such device");
		reason(() -> this.fs.symlink(TPG + "/attrib/l", "core/fileio_0/off"), "Operation not permitted");
		String so = fileio(1, "on");
		this.fs.symlink(TPG + "/lun/lun_0/l", so);
		assertThat(this.fs.readLink(TPG + "/lun/lun_0/l")).isEqualTo(so);
		reason(() -> this.fs.symlink(TPG + "/lun/lun_0/l2", so), "File exists");
		this.fs.mkdir("iscsi/" + IQN + "/tpgt_2");
		this.fs.mkdir("iscsi/" + IQN + "/tpgt_2/lun/lun_0");
		this.fs.mkdir(ACL);
		this.fs.mkdir(ACL + "/lun_0");
		// a mapped LUN must map a LUN of its own TPG, and one that has a storage object
		reason(() -> this.fs.symlink(ACL + "/lun_0/m", "iscsi/" + IQN + "/tpgt_2/lun/lun_0"), "Invalid argument");
		this.fs.mkdir(TPG + "/lun/lun_1");
		reason(() -> this.fs.symlink(ACL + "/lun_0/m", TPG + "/lun/lun_1"), "No such device");
		this.fs.symlink(ACL + "/lun_0/m", TPG + "/lun/lun_0");
		assertThat(this.fs.list(ACL + "/lun_0")).anyMatch((e) -> e.kind() == Configfs.Kind.SYMLINK);
	}

	@Test
	void invalidValuesFailWithEinval() {
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.mkdir(ACL);
		reason(() -> this.fs.write(TPG + "/param/ImmediateData", "maybe\n"), "Invalid argument");
		reason(() -> this.fs.write(TPG + "/param/MaxBurstLength", "100\n"), "Invalid argument");
		reason(() -> this.fs.write(TPG + "/attrib/login_timeout", "soon"), "Invalid argument");
		reason(() -> this.fs.write(TPG + "/attrib/generate_node_acls", "2"), "Invalid argument");
		reason(() -> this.fs.write(ACL + "/cmdsn_depth", "1000"), "Invalid argument");
		reason(() -> this.fs.write(ACL + "/attrib/dataout_timeout", "1"), "Invalid argument");
		this.fs.write(TPG + "/param/MaxBurstLength", "1048576\n");
		assertThat(this.fs.read(TPG + "/param/MaxBurstLength")).isEqualTo("1048576");
		this.fs.write(TPG + "/enable", "1");
		reason(() -> this.fs.write(TPG + "/enable", "1"), "Invalid argument");
	}

	@Test
	void authenticationDrivesAuthMethodAndChapKeepsEveryByte() {
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.write(TPG + "/attrib/authentication", "0");
		assertThat(this.fs.read(TPG + "/param/AuthMethod")).isEqualTo("CHAP,None");
		this.fs.write(TPG + "/attrib/authentication", "1");
		assertThat(this.fs.read(TPG + "/param/AuthMethod")).isEqualTo("CHAP");
		this.fs.mkdir(ACL);
		this.fs.write(ACL + "/auth/userid", "user\n");
		assertThat(this.fs.read(ACL + "/auth/userid")).isEqualTo("user\n");
		this.fs.write(ACL + "/auth/userid_mutual", "tu");
		this.fs.write(ACL + "/auth/password_mutual", "tsecret");
		assertThat(this.fs.read(ACL + "/auth/authenticate_target")).isEqualTo("1");
	}

	@Test
	void storageObjectControlEnableSerialAndExportLock() {
		this.fs.mkdir("core/user_0");
		String so = "core/user_0/rbd.d";
		this.fs.mkdir(so);
		reason(() -> this.fs.write(so + "/enable", "1\n"), "Invalid argument");
		reason(() -> this.fs.write(so + "/control", "bogus=1"), "Invalid argument");
		this.fs.write(so + "/control", "dev_config=rbd/rbd/d;osd_op_timeout=30");
		this.fs.write(so + "/control", "dev_size=1073741824");
		this.fs.write(so + "/control", "max_data_area_mb=8,hw_max_sectors=1024");
		this.fs.write(so + "/enable", "1\n");
		reason(() -> this.fs.write(so + "/enable", "1\n"), "File exists");
		reason(() -> this.fs.write(so + "/control", "max_data_area_mb=16"), "Invalid argument");
		assertThat(this.fs.read(so + "/attrib/dev_config")).isEqualTo("rbd/rbd/d;osd_op_timeout=30");
		assertThat(this.fs.read(so + "/attrib/dev_size")).isEqualTo("1073741824");
		assertThat(this.fs.read(so + "/attrib/max_data_area_mb")).isEqualTo("8");
		assertThat(this.fs.read(so + "/info")).contains("Status: ACTIVATED").contains("rbd/rbd/d;osd_op_timeout=30");
		this.fs.write(so + "/wwn/vpd_unit_serial", "abc-123\n");
		assertThat(this.fs.read(so + "/wwn/vpd_unit_serial")).isEqualTo("T10 VPD Unit Serial Number: abc-123");
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.mkdir(TPG + "/lun/lun_0");
		this.fs.symlink(TPG + "/lun/lun_0/l", so);
		reason(() -> this.fs.write(so + "/wwn/vpd_unit_serial", "other\n"), "Invalid argument");
		reason(() -> this.fs.write(so + "/attrib/cmd_time_out", "0"), "Invalid argument");
		this.fs.write(so + "/attrib/qfull_time_out", "5");
	}

	@Test
	void fileioControlShowsInInfo() {
		String so = fileio(0, "f");
		assertThat(this.fs.read(so + "/info")).contains("File: /nonexistent/f.img  Size: 1048576  Mode: O_DSYNC");
		this.fs.mkdir("core/fileio_1");
		this.fs.mkdir("core/fileio_1/g");
		reason(() -> this.fs.write("core/fileio_1/g/enable", "1"), "Invalid argument");
	}

	@Test
	void aluaGroupsFollowTheKernelsRules() {
		this.fs.mkdir("core/user_0");
		String so = "core/user_0/d";
		this.fs.mkdir(so);
		this.fs.mkdir(so + "/alua/ao");
		assertThat(this.fs.read(so + "/alua/ao/tg_pt_gp_id")).isEmpty();
		reason(() -> this.fs.write(so + "/alua/ao/alua_access_state", "0"), "Invalid argument");
		this.fs.write(so + "/alua/ao/tg_pt_gp_id", "1");
		this.fs.mkdir(so + "/alua/ano2");
		reason(() -> this.fs.write(so + "/alua/ano2/tg_pt_gp_id", "1"), "Invalid argument");
		this.fs.write(so + "/alua/ao/alua_access_type", "1");
		assertThat(this.fs.read(so + "/alua/ao/alua_access_type")).isEqualTo("Implicit");
		// the device is not enabled yet
		reason(() -> this.fs.write(so + "/alua/ao/alua_access_state", "0"), "No such device");
		this.fs.write(so + "/control", "dev_config=rbd/p/i");
		this.fs.write(so + "/control", "dev_size=1048576");
		this.fs.write(so + "/enable", "1");
		this.fs.write(so + "/alua/ao/alua_support_active_nonoptimized", "0");
		reason(() -> this.fs.write(so + "/alua/ao/alua_access_state", "1"), "Invalid argument");
		this.fs.write(so + "/alua/ao/alua_access_state", "0");
		this.fs.mkdir("iscsi/" + IQN);
		this.fs.mkdir(TPG);
		this.fs.mkdir(TPG + "/lun/lun_0");
		reason(() -> this.fs.write(TPG + "/lun/lun_0/alua_tg_pt_gp", "ao"), "No such device");
		this.fs.symlink(TPG + "/lun/lun_0/l", so);
		assertThat(this.fs.read(TPG + "/lun/lun_0/alua_tg_pt_gp")).startsWith("TG Port Alias: default_tg_pt_gp");
		reason(() -> this.fs.write(TPG + "/lun/lun_0/alua_tg_pt_gp", "nosuchgroup"), "Invalid argument");
		this.fs.write(TPG + "/lun/lun_0/alua_tg_pt_gp", "ao");
		assertThat(this.fs.read(TPG + "/lun/lun_0/alua_tg_pt_gp")).startsWith("TG Port Alias: ao\nTG Port Group ID: 1");
	}

	@Test
	void stateSurvivesReopening() {
		fileio(0, "kept");
		SimulatedConfigfs again = SimulatedConfigfs.open(this.dir.resolve("target"));
		assertThat(again.read("core/fileio_0/kept/enable")).isEqualTo("1");
		assertThat(again.list("core/fileio_0/kept")).noneMatch((e) -> e.name().startsWith(".lio"));
	}

	@Test
	void statisticsOnlyWhenAskedFor() {
		SimulatedConfigfs withStats = SimulatedConfigfs.open(this.dir.resolve("stats"), true);
		withStats.mkdir("iscsi/" + IQN);
		assertThat(withStats.exists("iscsi/" + IQN + "/fabric_statistics/iscsi_instance/sessions")).isTrue();
		this.fs.mkdir("iscsi/" + IQN);
		assertThat(this.fs.exists("iscsi/" + IQN + "/fabric_statistics")).isFalse();
	}

}
