package io.github.iscsigw.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.github.iscsigw.ceph.testing.MicroCeph;
import io.github.iscsigw.gateway.state.ConfigCodec;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.Migrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole gateway in Ceph mode against a real single-node cluster (micro-ceph): the
 * config object is seeded in RADOS as ceph-iscsi seeds it, API mutations land in it with
 * the epoch xattr, and disks become RBD images — checked with Ceph's own command-line
 * tools.
 */
@Tag("ceph")
@ExtendWith(MicroCeph.class)
class CephModeIT {

	static final Path ROOT = TestGateway.tempDirectory("ceph-mode");

	static final int PORT = TestGateway.freePort();

	static ConfigurableApplicationContext context;

	static MicroCeph.Cluster cluster;

	@BeforeAll
	static void start(MicroCeph.Cluster micro) {
		cluster = micro;
		// a previous run's object would make this test depend on it
		cluster.run("rados", "-p", "rbd", "rm", "gateway.conf");
		TestGateway gateway = TestGateway.in(ROOT).settings("""
				[config]
				api_host = 127.0.0.1
				api_port = %d
				api_secure = false
				minimum_gateways = 1
				ceph_config_dir = %s
				""".formatted(PORT, micro.confFile().getParent()));
		context = new SpringApplicationBuilder(GatewayApplication.class).run("--config=" + gateway.settingsFile(),
				"--gateway.mode=ceph", "--gateway.data-dir=" + gateway.dataDir(),
				"--gateway.configfs-root=" + ROOT.resolve("no-configfs"), "--gateway.name=gw1.example.com");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		TestGateway.deleteRecursively(ROOT);
	}

	RawHttp admin() {
		return RawHttp.to("127.0.0.1", PORT).basic("admin", "admin");
	}

	static GatewayConfig radosDocument() {
		byte[] bytes = cluster.run("rados", "-p", "rbd", "get", "gateway.conf", "-").orFail().stdout();
		return ConfigCodec.read(bytes, Migrations.Context.of("gw1.example.com", false, java.time.Clock.systemUTC()))
			.config();
	}

	static String radosEpoch() {
		return cluster.run("rados", "-p", "rbd", "getxattr", "gateway.conf", "epoch").orFail().out();
	}

	@Test
	void mutationsLandInRadosAndRbd() throws IOException {
		assertThat(JsonMapper.builder().build().readTree(admin().get("/api/config").body()).get("version").asInt())
			.isEqualTo(11);
		long before = Long.parseLong(radosEpoch());
		String iqn = "iqn.2003-01.com.example:ceph-mode";
		assertThat(admin().send("PUT", "/api/target/" + iqn, null).status()).isEqualTo(200);
		assertThat(
				admin().send("PUT", "/api/gateway/" + iqn + "/gw1.example.com", "ip_address=127.0.0.1&skipchecks=true")
					.status())
			.isEqualTo(200);
		RawHttp.Response disk = admin().send("PUT", "/api/disk/rbd/cephdisk", "mode=create&size=16M");
		assertThat(disk.status()).as(disk.body()).isEqualTo(200);
		assertThat(admin().send("PUT", "/api/targetlun/" + iqn, "disk=rbd/cephdisk").status()).isEqualTo(200);
		GatewayConfig document = radosDocument();
		assertThat(document.targets().get(iqn).disks()).containsKey("rbd/cephdisk");
		assertThat(document.disks().get("rbd/cephdisk").owner()).isEqualTo("gw1.example.com");
		// the epoch xattr is plain ASCII digits, one more per commit, equal to the
		// document's
		assertThat(radosEpoch()).matches("[0-9]+").isEqualTo(Long.toString(document.epoch()));
		assertThat(document.epoch()).isEqualTo(before + 4);
		assertThat(List.of(cluster.run("rbd", "ls", "rbd").orFail().out().split("\n"))).contains("cephdisk");
		assertThat(cluster.run("rbd", "info", "rbd/cephdisk").orFail().out()).contains("16 MiB")
			.contains("exclusive-lock");
	}

}
