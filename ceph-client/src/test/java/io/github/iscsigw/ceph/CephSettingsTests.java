package io.github.iscsigw.ceph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CephSettingsTests {

	@Test
	void defaultsAreCephIscsisWithBoundedWaits() {
		CephSettings settings = CephSettings.DEFAULTS;
		assertThat(settings.confFile()).isEqualTo(Path.of("/etc/ceph/ceph.conf"));
		assertThat(settings.clusterClientName()).isEqualTo("client.admin");
		assertThat(settings.pool()).isEqualTo("rbd");
		assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.lockDuration()).isLessThan(settings.lockTimeout());
	}

	@Test
	void theConfFileFollowsClusterNameAndDirectory() {
		CephSettings settings = CephSettings.DEFAULTS.withCluster("backup", "client.iscsi", Path.of("/srv/ceph"));
		assertThat(settings.confFile()).isEqualTo(Path.of("/srv/ceph/backup.conf"));
		CephSettings fromFile = CephSettings.forConfFile(Path.of("/tmp/mc/ceph.conf"));
		assertThat(fromFile.clusterName()).isEqualTo("ceph");
		assertThat(fromFile.cephConfigDir()).isEqualTo(Path.of("/tmp/mc"));
		assertThatIllegalArgumentException().isThrownBy(() -> CephSettings.forConfFile(Path.of("/tmp/keyring")));
	}

	@Test
	void aBareClientIdGetsItsType() {
		assertThat(CephSettings.DEFAULTS.withCluster("ceph", "iscsi", Path.of("/etc/ceph")).clusterClientName())
			.isEqualTo("client.iscsi");
	}

	@Test
	void emptyNamesAndNonPositiveDurationsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CephSettings.DEFAULTS.withPool(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CephSettings.DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CephSettings.DEFAULTS.withLock(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
	}

	@Test
	void blocklistEntriesKnowTheirIp() {
		assertThat(new CephCluster.BlocklistEntry("10.0.0.1:0/1234", "").ip()).isEqualTo("10.0.0.1");
		assertThat(new CephCluster.BlocklistEntry("v1:10.0.0.1:0/1234", "").ip()).isEqualTo("10.0.0.1");
		assertThat(new CephCluster.BlocklistEntry("[fd00::1]:0/1234", "").ip()).isEqualTo("fd00::1");
	}

	@Test
	void monitorCommandsAreWrittenAsEscapedJson() {
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("prefix", "config-key get");
		command.put("key", "iscsi/\"client.admin\"/x\\y\n");
		command.put("expire", 60.0);
		assertThat(CephCluster.json(command)).isEqualTo(
				"{\"expire\": 60.0, \"key\": \"iscsi/\\\"client.admin\\\"/x\\\\y\\n\", \"prefix\": \"config-key get\"}");
	}

}
