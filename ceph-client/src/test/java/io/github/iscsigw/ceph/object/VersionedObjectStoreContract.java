package io.github.iscsigw.ceph.object;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link VersionedObjectStore} must have, run against each
 * implementation by a subclass (embedded: {@code FileObjectStoreIT}, RADOS:
 * {@code RadosObjectStoreIT}). Every test uses its own object name, so tests do not
 * depend on each other's leftovers (a RADOS lock left by a killed holder, say).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VersionedObjectStoreContract {

	/** The store under test, shared by the class's tests. */
	protected abstract VersionedObjectStore store();

	/**
	 * Another client of the same objects (another gateway): a new store with its own
	 * connection, closed by the caller.
	 */
	protected abstract VersionedObjectStore newPeer(Duration lockTimeout);

	/** How {@link LockHolderProcess} reaches the same objects: its leading arguments. */
	protected abstract List<String> lockHolderTarget();

	protected static String newName() {
		return "obj-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void createIfAbsentCreatesAnEmptyObjectWithoutEpochAndIgnoresAnExistingOne() {
		String name = newName();
		store().createIfAbsent(name);
		assertThat(store().read(name)).isEqualTo(new VersionedObject(new byte[0], VersionedObjectStore.NO_EPOCH));
		assertThat(store().epoch(name)).isEqualTo(VersionedObjectStore.NO_EPOCH);
		store().commit(name, text("{}"), VersionedObjectStore.NO_EPOCH);
		store().createIfAbsent(name);
		assertThat(store().read(name)).isEqualTo(new VersionedObject(text("{}"), 0));
	}

	@Test
	void aMissingObjectCannotBeReadNorCommitted() {
		String name = newName();
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> store().read(name))
			.withMessageContaining(name);
		assertThatExceptionOfType(ObjectNotFoundException.class).isThrownBy(() -> store().epoch(name));
		assertThatExceptionOfType(ObjectNotFoundException.class)
			.isThrownBy(() -> store().commit(name, text("x"), VersionedObjectStore.NO_EPOCH));
	}

	@Test
	void commitsCountTheEpochUpFromNoEpochAndReplaceTheWholeContent() {
		String name = newName();
		store().createIfAbsent(name);
		assertThat(store().commit(name, text("{\"epoch\": 0, \"long\": \"first version\"}"),
				VersionedObjectStore.NO_EPOCH))
			.isZero();
		assertThat(store().commit(name, text("{\"epoch\": 1}"), 0)).isEqualTo(1);
		assertThat(store().commit(name, text("{\"epoch\": 2}"), 1)).isEqualTo(2);
		assertThat(store().read(name)).isEqualTo(new VersionedObject(text("{\"epoch\": 2}"), 2));
		assertThat(store().epoch(name)).isEqualTo(2);
	}

	@Test
	void aCommitBasedOnAStaleEpochConflictsAndChangesNothing() {
		String name = newName();
		store().createIfAbsent(name);
		store().commit(name, text("a"), VersionedObjectStore.NO_EPOCH);
		store().commit(name, text("b"), 0);
		assertThatExceptionOfType(EpochConflictException.class).isThrownBy(() -> store().commit(name, text("c"), 0))
			.satisfies((ex) -> {
				assertThat(ex.expectedEpoch()).isZero();
				assertThat(ex.actualEpoch()).isEqualTo(1);
			});
		assertThatExceptionOfType(EpochConflictException.class)
			.isThrownBy(() -> store().commit(name, text("c"), VersionedObjectStore.NO_EPOCH));
		assertThatExceptionOfType(EpochConflictException.class).isThrownBy(() -> store().commit(name, text("c"), 7));
		assertThat(store().read(name)).isEqualTo(new VersionedObject(text("b"), 1));
	}

	@Test
	void anInvalidExpectedEpochIsRejected() {
		String name = newName();
		store().createIfAbsent(name);
		assertThatIllegalArgumentException().isThrownBy(() -> store().commit(name, text("x"), -2));
	}

	@Test
	void aTwoMegabyteDocumentRoundTripsAndShrinksAgain() {
		String name = newName();
		store().createIfAbsent(name);
		byte[] big = new byte[2 * 1024 * 1024 + 17];
		new Random(42).nextBytes(big);
		store().commit(name, big, VersionedObjectStore.NO_EPOCH);
		assertThat(store().read(name)).isEqualTo(new VersionedObject(big, 0));
		store().commit(name, text("small"), 0);
		assertThat(store().read(name)).isEqualTo(new VersionedObject(text("small"), 1));
	}

	@Test
	void ofConcurrentCommitsOnTheSameEpochFromTwoClientsExactlyOneWins() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		long base = store().commit(name, text("base"), VersionedObjectStore.NO_EPOCH);
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try (VersionedObjectStore peer = newPeer(Duration.ofSeconds(30))) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> outcomes = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				VersionedObjectStore client = (i % 2 == 0) ? store() : peer;
				byte[] content = text("writer " + i);
				Callable<Boolean> commit = () -> {
					start.await();
					try {
						client.commit(name, content, base);
						return true;
					}
					catch (EpochConflictException ex) {
						return false;
					}
				};
				outcomes.add(pool.submit(commit));
			}
			start.countDown();
			int winners = 0;
			for (Future<Boolean> outcome : outcomes) {
				winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
			VersionedObject result = store().read(name);
			assertThat(result.epoch()).isEqualTo(base + 1);
			assertThat(new String(result.content(), StandardCharsets.UTF_8)).startsWith("writer ");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aWatcherSeesAPeersCommitWithinTwoSeconds() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		store().commit(name, text("v0"), VersionedObjectStore.NO_EPOCH);
		BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
		try (VersionedObjectStore.Subscription subscription = store().watch(name, seen::add);
				VersionedObjectStore peer = newPeer(Duration.ofSeconds(30))) {
			long started = System.nanoTime();
			peer.commit(name, text("v1"), 0);
			Long epoch = seen.poll(2, TimeUnit.SECONDS);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			assertThat(epoch).as("epoch seen by the watcher").isEqualTo(1L);
			System.out.println(getClass().getSimpleName() + ": a peer's commit was seen after " + millis + " ms");
			assertThat(millis).isLessThan(2000);
		}
	}

	@Test
	void aWatcherSeesItsOwnCommitsAndNothingAfterItsSubscriptionIsClosed() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
		VersionedObjectStore.Subscription subscription = store().watch(name, seen::add);
		store().commit(name, text("v0"), VersionedObjectStore.NO_EPOCH);
		assertThat(seen.poll(2, TimeUnit.SECONDS)).isZero();
		subscription.close();
		store().commit(name, text("v1"), 0);
		assertThat(seen.poll(1500, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	void aWatchOnAnObjectThatDoesNotExistYetWorksOnceItDoes() throws Exception {
		String name = newName();
		BlockingQueue<Long> seen = new LinkedBlockingQueue<>();
		try (VersionedObjectStore.Subscription subscription = store().watch(name, seen::add);
				VersionedObjectStore peer = newPeer(Duration.ofSeconds(30))) {
			peer.createIfAbsent(name);
			peer.commit(name, text("first"), VersionedObjectStore.NO_EPOCH);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
			Long epoch = null;
			while (System.nanoTime() < deadline && (epoch == null || epoch != 0)) {
				// the creation itself may be reported first, as NO_EPOCH
				epoch = seen.poll(100, TimeUnit.MILLISECONDS);
			}
			assertThat(epoch).isZero();
		}
	}

	@Test
	void aCommitWaitsWhileAnotherProcessHoldsTheLockAndSucceedsAfterItsRelease() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		Process holder = LockHolderProcess.start(holderArgs(name, 1500, "release", 30_000));
		try {
			long started = System.nanoTime();
			assertThat(store().commit(name, text("after the holder"), VersionedObjectStore.NO_EPOCH)).isZero();
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			assertThat(millis).as("waited for the holder").isBetween(300L, 15_000L);
			assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(holder.exitValue()).isZero();
		}
		finally {
			LockHolderProcess.stop(holder);
		}
	}

	@Test
	void aCommitGivesUpWithAClearErrorWhenAnotherProcessKeepsTheLock() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		Process holder = LockHolderProcess.start(holderArgs(name, 60_000, "release", 60_000));
		try (VersionedObjectStore impatient = newPeer(Duration.ofSeconds(1))) {
			long started = System.nanoTime();
			assertThatExceptionOfType(LockTimeoutException.class)
				.isThrownBy(() -> impatient.commit(name, text("x"), VersionedObjectStore.NO_EPOCH))
				.withMessage("Timed out (1s) waiting for excl lock on " + name + " object")
				.satisfies((ex) -> assertThat(ex.holder()).isNotBlank());
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			assertThat(millis).isBetween(900L, 5000L);
			assertThat(impatient.epoch(name)).isEqualTo(VersionedObjectStore.NO_EPOCH);
		}
		finally {
			LockHolderProcess.stop(holder);
		}
	}

	@Test
	void aLockLeftByACrashedProcessDoesNotBlockForever() throws Exception {
		String name = newName();
		store().createIfAbsent(name);
		Process holder = LockHolderProcess.start(holderArgs(name, 0, "crash", 2000));
		try {
			assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(holder.exitValue()).as("the holder died holding the lock").isEqualTo(3);
			long started = System.nanoTime();
			try (VersionedObjectStore peer = newPeer(Duration.ofSeconds(20))) {
				assertThat(peer.commit(name, text("after the crash"), VersionedObjectStore.NO_EPOCH)).isZero();
			}
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out
				.println(getClass().getSimpleName() + ": a crashed holder's lock cleared after " + millis + " ms");
			assertThat(millis).isLessThan(10_000);
		}
		finally {
			LockHolderProcess.stop(holder);
		}
	}

	private List<String> holderArgs(String name, long holdMillis, String mode, long lockDurationMillis) {
		List<String> args = new ArrayList<>(lockHolderTarget());
		args.addAll(List.of(name, Long.toString(holdMillis), mode, Long.toString(lockDurationMillis)));
		return args;
	}

}
