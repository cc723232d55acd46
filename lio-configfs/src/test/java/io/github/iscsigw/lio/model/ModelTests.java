package io.github.iscsigw.lio.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.iscsigw.lio.LioException;
import io.github.iscsigw.lio.LioFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelTests {

	@Test
	void iqnsAreLowerCasedAndChecked() {
		assertThat(new Target("IQN.2003-01.COM.Example:Tgt", List.of()).iqn()).isEqualTo("iqn.2003-01.com.example:tgt");
		assertThatThrownBy(() -> new Target("not-an-iqn", List.of())).isInstanceOf(LioException.class);
		assertThatThrownBy(() -> new Target("iqn.2003-01.com.example:a b", List.of())).isInstanceOf(LioException.class);
		assertThat(Names.iqn("naa.6001405ABCDEF0123")).isEqualTo("naa.6001405abcdef0123");
	}

	@Test
	void childrenAreKeptInCanonicalOrderSoEqualsMeansSameConfiguration() {
		Tpg a = new Tpg(1, true, Map.of("b", "1", "a", "2"), Map.of(), null,
				List.of(NetworkPortal.of("10.0.0.2"), NetworkPortal.of("10.0.0.1")),
				List.of(new Lun(1, BackstoreType.USER, "x", null), new Lun(0, BackstoreType.USER, "y", null)),
				List.of());
		Tpg b = new Tpg(1, true, Map.of("a", "2", "b", "1"), Map.of(), null,
				List.of(NetworkPortal.of("10.0.0.1"), NetworkPortal.of("10.0.0.2")),
				List.of(new Lun(0, BackstoreType.USER, "y", null), new Lun(1, BackstoreType.USER, "x", null)),
				List.of());
		assertThat(a).isEqualTo(b);
		assertThat(a.luns().get(0).id()).isZero();
		assertThat(LioFixtures.cephGatewayOne()).isEqualTo(LioFixtures.cephGatewayOne());
	}

	@Test
	void duplicatesAreRejected() {
		assertThatThrownBy(() -> new Tpg(1, true, null, null, null, List.of(),
				List.of(new Lun(0, BackstoreType.USER, "x", null), new Lun(0, BackstoreType.USER, "y", null)),
				List.of()))
			.hasMessageContaining("duplicate LUN 0");
		assertThatThrownBy(() -> new StorageObject("s", new FileioBackstore("/f", 1, false), null, null,
				List.of(new AluaGroup("a", 1, null), new AluaGroup("b", 1, null)), true))
			.hasMessageContaining("duplicate tg_pt_gp_id");
	}

	@Test
	void chapNormalisesNullAndRedactsSecrets() {
		Chap c = new Chap("NULL", null, "tu", "NULL");
		assertThat(c).isEqualTo(new Chap("", "", "tu", ""));
		Chap s = new Chap("user", "verysecret1", "target", "othersecret2");
		assertThat(s.toString()).doesNotContain("verysecret1").doesNotContain("othersecret2").contains("user");
		assertThat(LioFixtures.cephGatewayOne().toString()).doesNotContain("myiscsipassword1");
		assertThatThrownBy(() -> Chap.of("user", "secret\n")).isInstanceOf(LioException.class)
			.hasMessageNotContaining("secret\n");
		assertThatThrownBy(() -> Chap.of("u", "x".repeat(256))).isInstanceOf(LioException.class);
	}

	@Test
	void backstoresValidateLikeRtslib() {
		assertThatThrownBy(() -> new UserBackstore("rbd/p/i:x", 1, null, null)).hasMessageContaining("':'");
		assertThatThrownBy(() -> new UserBackstore("rbd/p/i", 0, null, null)).hasMessageContaining("positive");
		assertThatThrownBy(() -> new UserBackstore("rbd/p/i", 1, 4096, null)).hasMessageContaining("max_data_area_mb");
		assertThat(new UserBackstore("rbd/p/i", 5, null, 256).controlWrites()).containsExactly("dev_config=rbd/p/i",
				"dev_size=5", "hw_max_sectors=256");
		assertThat(new FileioBackstore("/a.img", 9, true).controlWrites())
			.containsExactly("fd_dev_name=/a.img,fd_dev_size=9,fd_buffered_io=1");
		assertThatThrownBy(() -> new FileioBackstore("relative.img", 9, true)).isInstanceOf(LioException.class);
	}

	@Test
	void aluaGroupsAsCephIscsiWritesThem() {
		AluaGroup ao = AluaGroup.cephIscsi(2, true, false, 30);
		assertThat(ao.name()).isEqualTo("ao");
		assertThat(ao.id()).isEqualTo(2);
		assertThat(ao.attributes()).containsEntry("implicit_trans_secs", "45")
			.containsEntry("alua_access_state", "0")
			.containsEntry("alua_access_type", "1");
		AluaGroup standby = AluaGroup.cephIscsi(3, false, true, 30);
		assertThat(standby.name()).isEqualTo("standby3");
		assertThat(standby.attributes()).containsEntry("alua_access_type", "3").containsEntry("alua_access_state", "2");
		assertThat(new AluaGroup("g", 1, Map.of("alua_access_type", "Implicit and Explicit")).attributes())
			.containsEntry("alua_access_type", "3");
		assertThatThrownBy(() -> new AluaGroup("default_tg_pt_gp", 1, null)).isInstanceOf(LioException.class);
		assertThatThrownBy(() -> new AluaGroup("g", 1, Map.of("bogus", "1"))).hasMessageContaining("bogus");
	}

	@Test
	void portalsParseAndPrintLikeConfigfs() {
		assertThat(NetworkPortal.parse("[FD00::1]:3261")).isEqualTo(new NetworkPortal("fd00::1", 3261));
		assertThat(new NetworkPortal("fd00::1", 0).dirName()).isEqualTo("[fd00::1]:3260");
		assertThat(NetworkPortal.of("192.168.10.11").dirName()).isEqualTo("192.168.10.11:3260");
		assertThatThrownBy(() -> NetworkPortal.parse("host.example:3260")).isInstanceOf(LioException.class);
	}

	@Test
	void discoveryAuthAsCephIscsiWritesIt() {
		assertThat(DiscoveryAuth.cephIscsi(Chap.NONE)).isEqualTo(DiscoveryAuth.NONE);
		assertThat(DiscoveryAuth.cephIscsi(Chap.of("u", "p")).enforce()).isTrue();
	}

	@Test
	void unmanagedPatterns() {
		Unmanaged u = new Unmanaged(List.of("iqn.2005-*:legacy*"), List.of("fileio/scratch*"));
		assertThat(u.target("iqn.2005-10.org.example:legacy1")).isTrue();
		assertThat(u.target("iqn.2005-10.org.example:new")).isFalse();
		assertThat(u.storageObject(new StorageObjectId(BackstoreType.FILEIO, "scratch1"))).isTrue();
		assertThat(u.storageObject(new StorageObjectId(BackstoreType.USER, "scratch1"))).isFalse();
	}

}
