package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.iscsigw.ceph.object.FileObjectStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.Disk;
import io.github.iscsigw.gateway.state.Gateway;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.HostGroup;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.gateway.state.Portal;
import io.github.iscsigw.gateway.state.Target;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three gateways, each with its own config repository on one shared embedded store (as
 * three processes would) and its own simulated configfs: after each change a coordinator
 * commits, every root converges to its own tree; a hand-made drift on one root is
 * repaired within one period.
 */
class ThreeGatewaysTests {

	static final String IQN = "iqn.2003-01.com.example.iscsi-gw:three";

	static final List<String> GATEWAYS = List.of("gw1.example.com", "gw2.example.com", "gw3.example.com");

	static final Map<String, String> IPS = Map.of("gw1.example.com", "10.0.0.1", "gw2.example.com", "10.0.0.2",
			"gw3.example.com", "10.0.0.3");

	static final Map<String, Long> SIZES = Map.of("rbd/disk_1", 1073741824L, "rbd/disk_2", 2147483648L);

	static final String NOW = "2026/11/25 12:00:00";

	@TempDir
	Path dir;

	final List<AutoCloseable> closeables = new ArrayList<>();

	final Map<String, Node> nodes = new LinkedHashMap<>();

	record Node(String name, ConfigRepository repository, SimulatedConfigfs fs, Reconciler reconciler) {
	}

	@AfterEach
	void tearDown() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

	void startGateways() {
		for (String name : GATEWAYS) {
			FileObjectStore store = new FileObjectStore(this.dir.resolve("config"), Duration.ofSeconds(10),
					Duration.ofMillis(50));
			this.closeables.add(store);
			ConfigRepository repository = new ConfigRepository(store, "gateway.conf", new GatewayIdentity(name),
					() -> false, Clock.systemUTC());
			repository.start();
			this.closeables.add(repository);
			SimulatedConfigfs fs = SimulatedConfigfs.open(this.dir.resolve("configfs-" + name));
			Reconciler reconciler = new Reconciler(repository, name, ReconcileFixtures.settings(), DiskBacking.rbd(),
					(pool, image) -> SIZES.get(pool + "/" + image), DesiredState.PasswordReveal.PLAIN, fs, true,
					ManagedObjects.in(this.dir.resolve("ledger-" + name)),
					new Reconciler.Options(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(20),
							false),
					Clock.systemUTC());
			this.closeables.add(reconciler);
			reconciler.start();
			this.nodes.put(name, new Node(name, repository, fs, reconciler));
		}
	}

	/** The coordinator (gw1) commits; every gateway must converge on that epoch. */
	void step(String what, UnaryOperator<GatewayConfig> change) {
		ConfigRepository.Snapshot committed = this.nodes.get(GATEWAYS.get(0)).repository().commit(change);
		for (Node node : this.nodes.values()) {
			assertThat(node.reconciler().awaitApplied(committed.epoch(), Duration.ofSeconds(30)))
				.as("%s applied '%s' (status %s)", node.name(), what, node.reconciler().status())
				.isTrue();
			LioConfig desired = DesiredState.of(committed.config(), node.name(), ReconcileFixtures.rbd(SIZES)).lio();
			assertThat(Planner.plan(new ConfigfsReader(node.fs()).observe(desired), desired).changes())
				.as("%s after '%s'", node.name(), what)
				.isEmpty();
		}
	}

	static GatewayConfig target(GatewayConfig c, UnaryOperator<Target> change) {
		return c.withTarget(IQN, change.apply(c.targets().get(IQN)));
	}

	/** Portals as ceph-iscsi records them for an ip_list of these gateways. */
	static GatewayConfig portals(GatewayConfig c, List<String> gateways) {
		List<String> ipList = gateways.stream().map(IPS::get).toList();
		Map<String, Portal> portals = new LinkedHashMap<>();
		Map<String, Gateway> gws = new LinkedHashMap<>();
		for (String gw : gateways) {
			List<String> others = ipList.stream().filter((ip) -> !ip.equals(IPS.get(gw))).toList();
			portals.put(gw, new Portal(List.of(IPS.get(gw)), ipList, others, gateways.size()));
			Gateway existing = c.gateways().get(gw);
			gws.put(gw, (existing != null) ? existing : new Gateway(0, NOW, NOW));
		}
		return target(c, (t) -> t.withPortals(portals).withIpList(ipList)).withGateways(gws);
	}

	static Disk disk(String image, String owner, String wwn) {
		return new Disk("rbd", image, 1, wwn, Disk.USER_RBD, "rbd." + image, "gw1.example.com", Map.of(), owner, NOW,
				NOW);
	}

	String tpgEnable(String gateway, int tag) {
		return this.nodes.get(gateway).fs().read("iscsi/" + IQN + "/tpgt_" + tag + "/enable");
	}

	@Test
	void everyGatewayConvergesAfterEachChangeAndDriftIsRepaired() throws InterruptedException {
		startGateways();
		step("target create", (c) -> c.withTarget(IQN, Target.create(NOW)));
		assertThat(this.nodes.get("gw2.example.com").fs().exists("iscsi/" + IQN)).isFalse();

		step("portal add", (c) -> portals(c, GATEWAYS));
		for (int i = 0; i < 3; i++) {
			for (int tag = 1; tag <= 3; tag++) {
				assertThat(tpgEnable(GATEWAYS.get(i), tag)).as("%s tpgt_%d", GATEWAYS.get(i), tag)
					.isEqualTo((tag == i + 1) ? "1" : "0");
			}
		}

		step("disk export", (c) -> target(
				c.withDisk("rbd/disk_1", disk("disk_1", "gw1.example.com", "11111111-2222-4333-8444-555555555555"))
					.withDisk("rbd/disk_2", disk("disk_2", "gw2.example.com", "66666666-7777-4888-9999-aaaaaaaaaaaa")),
				(t) -> t.withDisk("rbd/disk_1", new LunRef(0)).withDisk("rbd/disk_2", new LunRef(1))));
		assertThat(this.nodes.get("gw3.example.com").fs().read("iscsi/" + IQN + "/tpgt_2/lun/lun_1/alua_tg_pt_gp"))
			.startsWith("TG Port Alias: ao\n");

		step("client with CHAP",
				(c) -> target(c,
						(t) -> t.withClient("iqn.1994-05.com.example:c1",
								new Client(new ChapAuth("user1", "password12345", false, "", "", false),
										Map.of("rbd/disk_1", new LunRef(0)), ""))));
		assertThat(this.nodes.get("gw2.example.com")
			.fs()
			.read("iscsi/" + IQN + "/tpgt_2/acls/iqn.1994-05.com.example:c1/auth/password")).isEqualTo("password12345");
		assertThat(this.nodes.get("gw2.example.com")
			.fs()
			.exists("iscsi/" + IQN + "/tpgt_1/acls/iqn.1994-05.com.example:c1")).isFalse();

		Map<String, LunRef> groupDisks = Map.of("rbd/disk_1", new LunRef(0), "rbd/disk_2", new LunRef(1));
		step("host group", (c) -> target(c, (t) -> t
			.withClient("iqn.1994-05.com.example:c1",
					t.clients().get("iqn.1994-05.com.example:c1").withLuns(groupDisks).withGroupName("g1"))
			.withClient("iqn.1994-05.com.example:c2", new Client(ChapAuth.NONE, groupDisks, "g1"))
			.withGroup("g1",
					new HostGroup(List.of("iqn.1994-05.com.example:c1", "iqn.1994-05.com.example:c2"), groupDisks))));

		Map<String, LunRef> oneDisk = Map.of("rbd/disk_1", new LunRef(0));
		step("disk unexport",
				(c) -> target(c.withDisk("rbd/disk_2", c.disks().get("rbd/disk_2").withOwner(null)),
						(t) -> t.withoutDisk("rbd/disk_2")
							.withClient("iqn.1994-05.com.example:c1",
									t.clients().get("iqn.1994-05.com.example:c1").withLuns(oneDisk))
							.withClient("iqn.1994-05.com.example:c2",
									t.clients().get("iqn.1994-05.com.example:c2").withLuns(oneDisk))
							.withGroup("g1", t.groups().get("g1").withDisks(oneDisk))));
		for (Node node : this.nodes.values()) {
			assertThat(new ConfigfsReader(node.fs()).observe().storageObjects()).as(node.name()).hasSize(1);
		}

		// removing the middle gateway renumbers the TPGs: gw3's becomes tpgt_2
		step("portal remove",
				(c) -> portals(c, List.of("gw1.example.com", "gw3.example.com")).withoutGateway("gw2.example.com"));
		assertThat(this.nodes.get("gw2.example.com").fs().exists("iscsi/" + IQN)).isFalse();
		assertThat(new ConfigfsReader(this.nodes.get("gw2.example.com").fs()).observe().storageObjects()).isEmpty();
		assertThat(tpgEnable("gw3.example.com", 2)).isEqualTo("1");
		assertThat(tpgEnable("gw3.example.com", 1)).isEqualTo("0");
		assertThat(this.nodes.get("gw3.example.com").fs().exists("iscsi/" + IQN + "/tpgt_3")).isFalse();
		assertThat(this.nodes.get("gw3.example.com").fs().exists("iscsi/" + IQN + "/tpgt_2/np/10.0.0.3:3260")).isTrue();

		// drift on one root, nobody asks: repaired within one period (500 ms) or so
		Node gw3 = this.nodes.get("gw3.example.com");
		gw3.fs().write("iscsi/" + IQN + "/tpgt_2/attrib/authentication", "0");
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!gw3.fs().read("iscsi/" + IQN + "/tpgt_2/attrib/authentication").equals("1")) {
			assertThat(System.nanoTime()).as("drift repaired").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
