package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.iscsigw.ceph.image.FileImageStore;
import io.github.iscsigw.ceph.image.ImageFeatures;
import io.github.iscsigw.gateway.GatewayApplication;
import io.github.iscsigw.gateway.GatewayModes;
import io.github.iscsigw.gateway.TestGateway;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.github.iscsigw.gateway.reconcile.ReconcileFixtures.EXAMPLE_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application in embedded mode: a gateway started on an existing document
 * builds its (simulated) LIO tree before it serves, applies commits, reconciles on SIGHUP
 * and leaves LIO alone when it stops.
 */
class ReconcilerApplicationTests {

	static final String TPG1 = "iscsi/" + EXAMPLE_TARGET + "/tpgt_1";

	static final String ACL = TPG1 + "/acls/iqn.1994-05.com.example:client1";

	@TempDir
	Path dir;

	ConfigurableApplicationContext start() {
		TestGateway gateway = TestGateway.in(this.dir).settings("""
				[config]
				api_host = 127.0.0.1
				api_secure = false
				""").document("/reconcile/gateway-conf-example.json", 27);
		FileImageStore images = new FileImageStore(gateway.dataDir().resolve("images"), "rbd");
		images.create("rbd", "disk_1", 1073741824L, ImageFeatures.EXCLUSIVE_LOCK);
		images.create("rbd", "disk_2", 2147483648L, ImageFeatures.EXCLUSIVE_LOCK);
		return new SpringApplicationBuilder(GatewayApplication.class).run("--config=" + gateway.settingsFile(),
				"--gateway.data-dir=" + gateway.dataDir(), "--gateway.mode=embedded",
				"--gateway.configfs-root=" + this.dir.resolve("no-configfs"), "--server.port=0",
				"--server.address=127.0.0.1", "--gateway.name=gw1.example.com", "--gateway.reconcile-interval=1h");
	}

	@Test
	void embeddedGatewayBuildsItsSimulatedLioAtStartUpAndFollowsTheDocument() throws Exception {
		Path configfsDir;
		try (ConfigurableApplicationContext context = start()) {
			GatewayModes modes = context.getBean(GatewayModes.class);
			assertThat(modes.configfsSimulated()).isTrue();
			configfsDir = modes.configfsRoot();
			assertThat(configfsDir).startsWith(this.dir);
			Configfs fs = SimulatedConfigfs.open(configfsDir);
			Reconciler reconciler = context.getBean(Reconciler.class);

			// built before the application was up
			ReconcilerStatus status = reconciler.status();
			assertThat(status.converged()).isTrue();
			assertThat(status.lastAppliedEpoch()).isEqualTo(27);
			assertThat(status.configfsSimulated()).isTrue();
			assertThat(status.problems()).isEmpty();
			String disk1 = "core/fileio_0/rbd.disk_1";
			assertThat(fs.read(disk1 + "/info")).contains("File: " + this.dir.resolve("data/images/rbd/disk_1/data"))
				.contains("Size: 1073741824");
			assertThat(fs.read(disk1 + "/wwn/vpd_unit_serial")).contains("0e7b8f4c-2f47-4c4e-9a51-4f1d0cbb3c21");
			assertThat(fs.read(TPG1 + "/enable")).isEqualTo("1");
			assertThat(fs.exists(TPG1 + "/np/192.168.10.11:3260")).isTrue();
			assertThat(fs.read(TPG1 + "/param/ImmediateData")).isEqualTo("No");
			assertThat(fs.read(TPG1 + "/lun/lun_0/alua_tg_pt_gp")).startsWith("TG Port Alias: ao");
			assertThat(fs.read(ACL + "/auth/userid")).isEqualTo("myiscsiusername");
			assertThat(fs.read(ACL + "/cmdsn_depth")).isEqualTo("64");
			assertThat(fs.read("iscsi/" + EXAMPLE_TARGET + "/tpgt_2/enable")).isEqualTo("0");
			assertThat(fs.exists("iscsi/" + EXAMPLE_TARGET + "/tpgt_2/np/192.168.10.12:3260")).isTrue();

			// a commit, as a mutating handler makes it, then reconcileNow()
			long epoch = context.getBean(ConfigRepository.class)
				.commit((c) -> c.withTarget(EXAMPLE_TARGET,
						c.targets().get(EXAMPLE_TARGET).withoutClient("iqn.1994-05.com.example:client1")))
				.epoch();
			ReconcilerStatus after = reconciler.reconcileNow();
			assertThat(after.converged()).isTrue();
			assertThat(after.lastAppliedEpoch()).isGreaterThanOrEqualTo(epoch);
			assertThat(fs.exists(ACL)).isFalse();
			assertThat(fs.read(TPG1 + "/attrib/authentication")).isEqualTo("0");

			// SIGHUP reconciles now (the period is an hour)
			if (HangupSignal.installed()) {
				fs.write(TPG1 + "/param/ImmediateData", "Yes");
				sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (!fs.read(TPG1 + "/param/ImmediateData").equals("No")) {
					assertThat(System.nanoTime()).as("SIGHUP repaired the drift").isLessThan(deadline);
					Thread.sleep(20);
				}
			}
		}
		// SIGTERM (context close) leaves LIO serving by default
		Configfs fs = SimulatedConfigfs.open(configfsDir);
		assertThat(fs.read(TPG1 + "/enable")).isEqualTo("1");
		assertThat(Files.readString(this.dir.resolve("data/reconcile/gw1.example.com.managed")))
			.contains("target " + EXAMPLE_TARGET)
			.contains("so fileio/rbd.disk_1");
	}

}
