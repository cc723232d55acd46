package io.github.iscsigw.gateway.reconcile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.github.iscsigw.ceph.object.FileObjectStore;
import io.github.iscsigw.gateway.GatewayIdentity;
import io.github.iscsigw.gateway.config.ConfigRepository;
import io.github.iscsigw.gateway.state.ChapAuth;
import io.github.iscsigw.gateway.state.Client;
import io.github.iscsigw.gateway.state.GatewayConfig;
import io.github.iscsigw.gateway.state.LunRef;
import io.github.iscsigw.lio.fs.Configfs;
import io.github.iscsigw.lio.fs.ConfigfsException;
import io.github.iscsigw.lio.fs.CountingConfigfs;
import io.github.iscsigw.lio.model.LioConfig;
import io.github.iscsigw.lio.observe.ConfigfsReader;
import io.github.iscsigw.lio.plan.Planner;
import io.github.iscsigw.lio.sim.SimulatedConfigfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.iscsigw.gateway.reconcile.ReconcileFixtures.EXAMPLE_TARGET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop against the configfs simulator: start-up, epoch changes, drift, foreign
 * objects, failures and back-off, restarts, shutdown.
 */
class ReconcilerTests {

	static final String GW1 = "gw1.example.com";

	static final String TPG1 = "iscsi/" + EXAMPLE_TARGET + "/tpgt_1";

	static final String CLIENT = "iqn.1994-05.com.example:client1";

	static final String ACL = TPG1 + "/acls/" + CLIENT;

	static final Map<String, Long> SIZES = Map.of("rbd/disk_1", 1073741824L, "rbd/disk_2", 2147483648L);

	@TempDir
	Path dir;

	FileObjectStore store;

	ConfigRepository repository;

	SimulatedConfigfs sim;

	final List<Reconciler> reconcilers = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.store = new FileObjectStore(this.dir.resolve("config"), Duration.ofSeconds(5), Duration.ofMillis(50));
		this.repository = new ConfigRepository(this.store, "gateway.conf", new GatewayIdentity(GW1), () -> false,
				Clock.systemUTC());
		this.repository.start();
		this.repository.commit((c) -> ReconcileFixtures.example());
		this.sim = SimulatedConfigfs.open(this.dir.resolve("configfs"));
	}

	@AfterEach
	void tearDown() throws Exception {
		for (Reconciler r : this.reconcilers) {
			r.close();
		}
		this.repository.close();
		this.store.close();
	}

	Reconciler reconciler(Configfs fs, Reconciler.Options options) {
		Reconciler r = new Reconciler(this.repository, GW1, ReconcileFixtures.settings(), DiskBacking.rbd(),
				(pool, image) -> SIZES.get(pool + "/" + image), DesiredState.PasswordReveal.PLAIN, fs, true,
				ManagedObjects.in(this.dir.resolve("ledger")), options, Clock.systemUTC());
		this.reconcilers.add(r);
		r.start();
		return r;
	}

	Reconciler reconciler() {
		return reconciler(this.sim, options(Duration.ofMinutes(10), false));
	}

	static Reconciler.Options options(Duration interval, boolean clear) {
		return new Reconciler.Options(interval, Duration.ofMillis(100), Duration.ofSeconds(20), clear);
	}

	/** What the current document says gw1's LIO must be. */
	LioConfig desired() {
		return DesiredState.of(this.repository.current().config(), GW1, ReconcileFixtures.rbd(SIZES)).lio();
	}

	boolean converged(Configfs fs) {
		LioConfig desired = desired();
		return Planner.plan(new ConfigfsReader(fs).observe(desired), desired).isEmpty();
	}

	static void eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within %s", timeout).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	@Test
	void startUpRestoresLioFromTheDocument() {
		Reconciler r = reconciler();
		ReconcilerStatus status = r.status();
		assertThat(status.converged()).isTrue();
		assertThat(status.lastAppliedEpoch()).isEqualTo(this.repository.current().epoch());
		assertThat(status.lastPlanSteps()).isGreaterThan(20);
		assertThat(status.lastPlan()).hasSize(status.lastPlanSteps());
		assertThat(status.gateway()).isEqualTo(GW1);
		assertThat(status.configfsRoot()).isEqualTo(this.sim.root());
		assertThat(this.sim.read(TPG1 + "/enable")).isEqualTo("1");
		assertThat(this.sim.read(ACL + "/auth/password")).isEqualTo("myiscsipassword1");
		assertThat(converged(this.sim)).isTrue();
		// the status never carries a secret
		assertThat(status.toString()).doesNotContain("myiscsipassword1").doesNotContain("mytargetsecret12");
	}

	@Test
	void epochChangeIsAppliedWithoutBeingAsked() throws InterruptedException {
		Reconciler r = reconciler();
		long epoch = this.repository
			.commit((c) -> withClient(c, "iqn.1994-05.com.example:client2",
					new Client(ChapAuth.NONE, Map.of("rbd/disk_1", new LunRef(0)), "")))
			.epoch();
		eventually(() -> r.status().lastAppliedEpoch() == epoch, Duration.ofSeconds(20));
		assertThat(this.sim.exists(TPG1 + "/acls/iqn.1994-05.com.example:client2/lun_0")).isTrue();
		assertThat(r.status().lastPlanSteps()).isBetween(1, 12);
	}

	@Test
	void reconcileNowReturnsOnceTheCurrentDocumentIsApplied() {
		Reconciler r = reconciler();
		long epoch = this.repository
			.commit((c) -> c.withTarget(EXAMPLE_TARGET, c.targets().get(EXAMPLE_TARGET).withoutDisk("rbd/disk_2")))
			.epoch();
		ReconcilerStatus status = r.reconcileNow();
		assertThat(status.converged()).isTrue();
		assertThat(status.lastAppliedEpoch()).isGreaterThanOrEqualTo(epoch);
		assertThat(this.sim.exists(TPG1 + "/lun/lun_1")).isFalse();
		assertThat(this.sim.exists(ACL + "/lun_1")).isFalse();
		assertThat(new ConfigfsReader(this.sim).observe().storageObjects()).hasSize(1);
		assertThat(r.awaitApplied(epoch, Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void driftIsPutBackWithinOnePeriod() throws InterruptedException {
		Reconciler r = reconciler(this.sim, options(Duration.ofMillis(300), false));
		// an operator changes things by hand
		this.sim.write(TPG1 + "/param/ImmediateData", "Yes\n");
		this.sim.write(ACL + "/auth/password", "guessed");
		String link = this.sim.list(ACL + "/lun_1")
			.stream()
			.filter((e) -> e.kind() == Configfs.Kind.SYMLINK)
			.findFirst()
			.orElseThrow()
			.name();
		// (each edit is one operation, so a periodic pass in between sees a consistent
		// tree)
		this.sim.unlink(ACL + "/lun_1/" + link);
		this.sim.mkdir(TPG1 + "/acls/iqn.1994-05.com.example:intruder");

		// no one asks: the periodic pass finds and repairs it
		eventually(() -> converged(this.sim), Duration.ofSeconds(20));
		assertThat(this.sim.read(TPG1 + "/param/ImmediateData")).isEqualTo("No");
		assertThat(this.sim.read(ACL + "/auth/password")).isEqualTo("myiscsipassword1");
		assertThat(this.sim.list(ACL + "/lun_1")).anyMatch((e) -> e.kind() == Configfs.Kind.SYMLINK);
		assertThat(this.sim.exists(TPG1 + "/acls/iqn.1994-05.com.example:intruder")).isFalse();
		eventually(() -> r.status().driftRepairs() >= 4, Duration.ofSeconds(5));
		assertThat(r.status().converged()).isTrue();
	}

	@Test
	void foreignObjectsAreLeftAlone() {
		// made by hand before and after the gateway started: a target and a storage
		// object
		this.sim.mkdir("iscsi/iqn.2000-01.com.other:scratch");
		this.sim.mkdir("iscsi/iqn.2000-01.com.other:scratch/tpgt_1");
		this.sim.mkdir("core/fileio_7");
		this.sim.mkdir("core/fileio_7/scratch");
		this.sim.write("core/fileio_7/scratch/control", "fd_dev_name=/tmp/scratch.img,fd_dev_size=4096");
		this.sim.write("core/fileio_7/scratch/enable", "1");
		Reconciler r = reconciler();
		assertThat(r.status().converged()).isTrue();
		this.sim.mkdir("iscsi/iqn.2000-01.com.other:later");
		r.reconcileNow();
		r.reconcileNow();
		assertThat(this.sim.exists("iscsi/iqn.2000-01.com.other:scratch/tpgt_1")).isTrue();
		assertThat(this.sim.exists("iscsi/iqn.2000-01.com.other:later")).isTrue();
		assertThat(this.sim.read("core/fileio_7/scratch/enable")).isEqualTo("1");
		assertThat(r.status().converged()).isTrue();
		assertThat(r.status().lastPlanSteps()).isZero();
	}

	@Test
	void objectsLeavingTheDocumentAreRemovedAlsoAfterARestart() {
		Reconciler first = reconciler();
		assertThat(this.sim.exists("iscsi/" + EXAMPLE_TARGET)).isTrue();
		first.close();
		// deleted while this gateway was down: only the ledger remembers the target
		this.repository
			.commit((c) -> c.withoutTarget(EXAMPLE_TARGET).withoutDisk("rbd/disk_1").withoutDisk("rbd/disk_2"));
		Reconciler second = reconciler();
		assertThat(second.status().converged()).isTrue();
		assertThat(this.sim.exists("iscsi/" + EXAMPLE_TARGET)).isFalse();
		LioConfig left = new ConfigfsReader(this.sim).observe();
		assertThat(left.targets()).isEmpty();
		assertThat(left.storageObjects()).isEmpty();
	}

	@Test
	void gatewayRemovedFromTheTargetDeletesItsLioTarget() {
		Reconciler r = reconciler();
		this.repository.commit((c) -> c.withTarget(EXAMPLE_TARGET,
				c.targets().get(EXAMPLE_TARGET).withoutPortal(GW1).withIpList(List.of("192.168.10.12"))));
		assertThat(r.reconcileNow().converged()).isTrue();
		assertThat(this.sim.exists("iscsi/" + EXAMPLE_TARGET)).isFalse();
		assertThat(new ConfigfsReader(this.sim).observe().storageObjects()).isEmpty();
	}

	@Test
	void aFailedPassIsRetriedWithBackOff() throws InterruptedException {
		AtomicBoolean broken = new AtomicBoolean(true);
		Configfs flaky = new FailingConfigfs(this.sim, (path) -> broken.get() && path.endsWith("/param/ImmediateData"));
		Reconciler r = reconciler(flaky, options(Duration.ofMinutes(10), false));
		ReconcilerStatus failed = r.status();
		assertThat(failed.converged()).isFalse();
		assertThat(failed.lastError()).contains("param/ImmediateData").contains("Input/output error");
		assertThat(failed.consecutiveFailures()).isGreaterThanOrEqualTo(1);
		assertThat(failed.lastAppliedEpoch()).isEqualTo(-1);
		eventually(() -> r.status().consecutiveFailures() >= 2, Duration.ofSeconds(10));
		assertThat(r.awaitApplied(this.repository.current().epoch(), Duration.ofMillis(300))).isFalse();
		// fixed: the next retry (100 ms, 200 ms, ...) finishes the job, nobody asks
		broken.set(false);
		eventually(() -> r.status().converged(), Duration.ofSeconds(20));
		assertThat(r.status().consecutiveFailures()).isZero();
		assertThat(r.status().lastError()).isNull();
		assertThat(r.status().lastErrorAt()).isNotNull();
		assertThat(r.status().lastAppliedEpoch()).isEqualTo(this.repository.current().epoch());
		assertThat(converged(this.sim)).isTrue();
	}

	@Test
	void restartWithAnIntactTreeWritesNothing() {
		reconciler().close();
		CountingConfigfs counting = new CountingConfigfs(this.sim);
		Reconciler again = reconciler(counting, options(Duration.ofMinutes(10), false));
		assertThat(again.status().converged()).isTrue();
		assertThat(again.status().lastPlanSteps()).isZero();
		assertThat(counting.writes()).isZero();
	}

	@Test
	void restartAfterARebootRebuildsTheTreeFromEmpty() {
		reconciler().close();
		SimulatedConfigfs rebooted = SimulatedConfigfs.open(this.dir.resolve("configfs-after-reboot"));
		Reconciler again = reconciler(rebooted, options(Duration.ofMinutes(10), false));
		assertThat(again.status().converged()).isTrue();
		assertThat(converged(rebooted)).isTrue();
	}

	@Test
	void shutdownLeavesLioByDefault() {
		reconciler().close();
		assertThat(this.sim.read(TPG1 + "/enable")).isEqualTo("1");
		assertThat(converged(this.sim)).isTrue();
	}

	@Test
	void shutdownClearsOurObjectsWhenConfigured() {
		this.sim.mkdir("iscsi/iqn.2000-01.com.other:scratch");
		this.sim.write("iscsi/discovery_auth/enforce_discovery_auth", "0");
		Reconciler r = reconciler(this.sim, options(Duration.ofMinutes(10), true));
		assertThat(r.status().converged()).isTrue();
		r.close();
		LioConfig left = new ConfigfsReader(this.sim).observe();
		assertThat(left.targets()).extracting(io.github.iscsigw.lio.model.Target::iqn)
			.containsExactly("iqn.2000-01.com.other:scratch");
		assertThat(left.storageObjects()).isEmpty();
	}

	static GatewayConfig withClient(GatewayConfig c, String iqn, Client client) {
		return c.withTarget(EXAMPLE_TARGET, c.targets().get(EXAMPLE_TARGET).withClient(iqn, client));
	}

	/** A configfs whose writes to some paths fail like a kernel refusing them. */
	static final class FailingConfigfs implements Configfs {

		private final Configfs delegate;

		private final java.util.function.Predicate<String> failing;

		FailingConfigfs(Configfs delegate, java.util.function.Predicate<String> failing) {
			this.delegate = delegate;
			this.failing = failing;
		}

		@Override
		public Path root() {
			return this.delegate.root();
		}

		@Override
		public List<Entry> list(String dir) {
			return this.delegate.list(dir);
		}

		@Override
		public boolean exists(String path) {
			return this.delegate.exists(path);
		}

		@Override
		public String read(String path) {
			return this.delegate.read(path);
		}

		@Override
		public void write(String path, String value) {
			if (this.failing.test(path)) {
				throw new ConfigfsException("write", path, "Input/output error");
			}
			this.delegate.write(path, value);
		}

		@Override
		public void mkdir(String path) {
			this.delegate.mkdir(path);
		}

		@Override
		public void rmdir(String path) {
			this.delegate.rmdir(path);
		}

		@Override
		public void symlink(String path, String target) {
			this.delegate.symlink(path, target);
		}

		@Override
		public String readLink(String path) {
			return this.delegate.readLink(path);
		}

		@Override
		public void unlink(String path) {
			this.delegate.unlink(path);
		}

	}

}
