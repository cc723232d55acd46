package io.github.iscsigw.ceph.object;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.iscsigw.ceph.CephClientException;
import io.github.iscsigw.ceph.CephCluster;
import io.github.iscsigw.ceph.testing.MicroCeph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract on RADOS (micro-ceph), plus what only RADOS has: watch/notify latency with
 * polling out of the picture, ceph-iscsi's durationless locks broken once their holder is
 * blocklisted, fencing of a holder that outlived its lock, and epochs spelt with
 * rados-java's trailing NUL.
 */
@Tag("ceph")
@ExtendWith(MicroCeph.class)
class RadosObjectStoreIT extends VersionedObjectStoreContract {

	private MicroCeph.Cluster micro;

	private CephCluster cluster;

	private RadosObjectStore store;

	@BeforeAll
	void connect(MicroCeph.Cluster micro) {
		this.micro = micro;
		this.cluster = CephCluster.connect(micro.settings());
		this.store = this.cluster.objectStore();
	}

	@AfterAll
	void disconnect() {
		if (this.store != null) {
			this.store.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Override
	protected VersionedObjectStore store() {
		return this.store;
	}

	@Override
	protected VersionedObjectStore newPeer(Duration lockTimeout) {
		return peer(lockTimeout, Duration.ofSeconds(15), Duration.ofSeconds(1));
	}

	private Peer peer(Duration lockTimeout, Duration lockDuration, Duration poll) {
		CephCluster connection = CephCluster.connect(this.micro.settings());
		return new Peer(connection, new RadosObjectStore(connection, "rbd", lockTimeout, lockDuration, poll));
	}

	@Override
	protected List<String> lockHolderTarget() {
		return List.of("rados", this.micro.confFile().toString(), "rbd");
	}

	@Test
	void aPeersCommitArrivesByNotifyWithinMilliseconds() throws Exception {
		String name = newName();
		this.store.createIfAbsent(name);
		this.store.commit(name, "v0".getBytes(StandardCharsets.UTF_8), VersionedObjectStore.NO_EPOCH);
		// a watcher that never polls: only watch/notify can tell it
		try (Peer watcher = peer(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofHours(1))) {
			BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
			watcher.watch(name, seen::add);
			long total = 0;
			long worst = 0;
			for (int epoch = 1; epoch <= 5; epoch++) {
				long started = System.nanoTime();
				this.store.commit(name, ("v" + epoch).getBytes(StandardCharsets.UTF_8), epoch - 1);
				assertThat(seen.poll(2, TimeUnit.SECONDS)).isEqualTo(epoch);
				long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
				total += micros;
				worst = Math.max(worst, micros);
			}
			System.out.printf("notify latency (commit start to peer listener): mean %.1f ms, worst %.1f ms%n",
					total / 5 / 1000.0, worst / 1000.0);
			// polling is off (1 h): only a notify gets here this fast
			assertThat(worst).isLessThan(1_000_000);
		}
	}

	@Test
	void aDurationlessLockOfABlocklistedHolderIsBroken() {
		String name = newName();
		this.store.createIfAbsent(name);
		// ceph-iscsi's way: no duration; the rados CLI exits at once, leaving the lock
		// behind
		this.micro.run("rados", "-p", "rbd", "lock", "get", name, "lock", "--lock-cookie", "config").orFail();
		List<RadosObjectStore.Locker> lockers = this.store.lockers(name);
		assertThat(lockers).hasSize(1);
		String address = lockers.get(0).address();
		try (VersionedObjectStore impatient = newPeer(Duration.ofSeconds(1))) {
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> impatient.commit(name, new byte[] { 1 }, VersionedObjectStore.NO_EPOCH))
				.satisfies((ex) -> assertThat(ex.holder()).contains(address).contains("cookie config"));
			this.cluster.blocklistAdd(address, Duration.ofMinutes(10));
			try {
				assertThat(impatient.commit(name, new byte[] { 2 }, VersionedObjectStore.NO_EPOCH)).isZero();
				assertThat(this.store.lockers(name)).isEmpty();
			}
			finally {
				this.cluster.blocklistRemove(address);
			}
		}
	}

	@Test
	void aHolderThatOutlivedItsLockCannotWrite() throws Exception {
		String name = newName();
		this.store.createIfAbsent(name);
		try (Peer slow = peer(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1))) {
			LockableStore.Lease lease = slow.store.lock(name);
			Thread.sleep(1500);
			// the lock expired: another client takes it and commits
			assertThat(this.store.commit(name, "fresh".getBytes(StandardCharsets.UTF_8), VersionedObjectStore.NO_EPOCH))
				.isZero();
			this.store.commit(name, "fresher".getBytes(StandardCharsets.UTF_8), 0);
			// the old holder resumes with an epoch that happens to be current again? No:
			// even a matching epoch must not let it write without the lock
			assertThatExceptionOfType(CephClientException.class)
				.isThrownBy(() -> slow.store.writeGuarded(name, "stale".getBytes(StandardCharsets.UTF_8), 1, true))
				.withMessageContaining("lost the lock");
			lease.close();
			assertThat(this.store.read(name))
				.isEqualTo(new VersionedObject("fresher".getBytes(StandardCharsets.UTF_8), 1));
		}
	}

	@Test
	void anEpochWrittenWithATrailingNulIsReadAndGuardedAgainst() throws Exception {
		String name = newName();
		this.store.createIfAbsent(name);
		// rados-java's setExtendedAttribute stores "3\0"
		this.cluster.ioContext("rbd").setExtendedAttribute(name, RadosObjectStore.EPOCH_XATTR, "3");
		assertThat(this.store.epoch(name)).isEqualTo(3);
		assertThat(this.store.commit(name, "x".getBytes(StandardCharsets.UTF_8), 3)).isEqualTo(4);
		assertThat(this.micro.run("rados", "-p", "rbd", "getxattr", name, "epoch").orFail().stdout())
			.isEqualTo("4".getBytes(StandardCharsets.US_ASCII));
	}

	/** A peer store with its own connection, closing both. */
	private static final class Peer implements VersionedObjectStore {

		private final CephCluster cluster;

		final RadosObjectStore store;

		Peer(CephCluster cluster, RadosObjectStore store) {
			this.cluster = cluster;
			this.store = store;
		}

		@Override
		public void createIfAbsent(String name) {
			this.store.createIfAbsent(name);
		}

		@Override
		public VersionedObject read(String name) {
			return this.store.read(name);
		}

		@Override
		public long epoch(String name) {
			return this.store.epoch(name);
		}

		@Override
		public long commit(String name, byte[] content, long expectedEpoch) {
			return this.store.commit(name, content, expectedEpoch);
		}

		@Override
		public Subscription watch(String name, LongConsumer listener) {
			return this.store.watch(name, listener);
		}

		@Override
		public void close() {
			this.store.close();
			this.cluster.close();
		}

	}

}
